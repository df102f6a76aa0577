/**
 * A faithful preview of the chat widget for a look: the same header, greeting, composer and launcher as widget/src/view.ts,
 * coloured through the same CSS custom properties (--sb-accent, --sb-on-accent); every string rendered as text.
 */
import { useState } from "preact/hooks";
import { REPLY_TIME_TEXT, isHexColor, lookInitials, textOn, type WidgetLook } from "../../../../src/contracts/widget-look.ts";
import { WIDGET_LOOK_TEXT as T } from "./widget-look-strings.ts";

const CHAT_ICON = "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z";

function Icon(props: { d: string; filled?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" fill={props.filled ? "currentColor" : "none"} stroke="currentColor" stroke-width={props.filled ? "1" : "2.2"} stroke-linecap="round" stroke-linejoin="round">
      <path d={props.d} />
    </svg>
  );
}

function Avatar(props: { look: WidgetLook }) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const { look } = props;
  const initials = lookInitials(look);
  // The console's own policy may block an outside image: the widget on the customer's site shows it; here the initials stand in.
  if (look.avatarUrl?.startsWith("https://") && failedUrl !== look.avatarUrl) {
    return <img class="wl-preview__avatar-img" alt="" src={look.avatarUrl} referrerpolicy="no-referrer" onError={() => setFailedUrl(look.avatarUrl)} />;
  }
  return initials ? <span data-testid="widget-preview-initials">{initials}</span> : <Icon d={CHAT_ICON} filled />;
}

/** The preview: panel above the launcher, in the chosen corner. */
export function WidgetPreview(props: { look: WidgetLook }) {
  const { look } = props;
  const color = isHexColor(look.color) ? look.color : "#4f46e5";
  const reply = REPLY_TIME_TEXT[look.replyTime];
  const style = { "--sb-accent": color, "--sb-on-accent": textOn(color).text } as Record<string, string>;
  return (
    <div class={`wl-preview wl-preview--${look.position}`} style={style} role="img" aria-label={T.previewLabel} data-testid="widget-preview" data-position={look.position}>
      <div class="wl-preview__panel">
        <div class="wl-preview__header" data-testid="widget-preview-header">
          <div class="wl-preview__avatar">
            <Avatar look={look} />
          </div>
          <div class="wl-preview__heading">
            <p class="wl-preview__title" data-testid="widget-preview-title">
              {look.title}
            </p>
            {reply ? (
              <p class="wl-preview__subtitle" data-testid="widget-preview-reply">
                {reply}
              </p>
            ) : null}
          </div>
        </div>
        <div class="wl-preview__log">
          <p class="wl-preview__greeting" data-testid="widget-preview-greeting">
            {look.greeting}
          </p>
        </div>
        <div class="wl-preview__composer">
          <span class="wl-preview__placeholder">{T.previewPlaceholder}</span>
          <span class="wl-preview__send">
            <Icon d="M4 12l16-8-6 16-2.5-6.5z" filled />
          </span>
        </div>
      </div>
      <div class="wl-preview__launcher" data-testid="widget-preview-launcher">
        <Icon d={CHAT_ICON} filled />
      </div>
    </div>
  );
}
