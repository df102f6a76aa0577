/** The "?" overlay: every keyboard shortcut of the console. */
import { AGENT_TOOLS_TEXT as T, SHORTCUTS } from "../agent-tools-strings.ts";
import { Dialog } from "./crm/ui.tsx";

/** The list of shortcuts in a dialog (Escape closes it and gives the focus back). */
export function ShortcutsOverlay(props: { onClose: () => void }) {
  return (
    <Dialog title={T.shortcutsTitle} onClose={props.onClose} testId="shortcuts-overlay">
      <div class="dialog__body">
        <p class="card__muted">{T.shortcutsHint}</p>
        <table class="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td class="shortcuts__keys">
                  {s.keys.map((k, i) => (
                    <>
                      {i > 0 ? " + " : ""}
                      <kbd>{k}</kbd>
                    </>
                  ))}
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="dialog__actions">
          <button type="button" class="button button--primary" onClick={props.onClose} autoFocus>
            {T.close}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
