/** The bot preview box and the retraining panel of Settings → Bot answers. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { IntentTrainingDTO, KbPreviewDTO } from "../../../../src/contracts/knowledge.ts";
import { getTraining, listTrainings, previewBot, startTraining } from "../../api/kb-endpoints.ts";
import { formatConfidence } from "../../format.ts";
import { KB_TEXT } from "./kb-strings.ts";

type Props = { onError: (message: string) => void };

const pct = (x: number | null): string => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

function PreviewResult(props: { result: KbPreviewDTO }) {
  const r = props.result;
  const decision = r.decision === "handoff" ? KB_TEXT.handoff(r.handoffReason ?? "") : r.decision === "clarify" ? KB_TEXT.clarify : KB_TEXT.answer;
  return (
    <div class="kb-preview__result" data-testid="kb-preview-result" aria-live="polite">
      <dl class="kb-facts">
        <dt>{KB_TEXT.intent}</dt>
        <dd data-testid="kb-preview-intent">
          {r.intent.name} · {formatConfidence(r.intent.confidence)}
        </dd>
        <dt>{KB_TEXT.runnerUp}</dt>
        <dd>{r.runnerUp ? `${r.runnerUp.name} · ${formatConfidence(r.runnerUp.confidence)}` : KB_TEXT.none}</dd>
        <dt>{KB_TEXT.entities}</dt>
        <dd>{r.entities.length ? r.entities.map((e) => `${e.type}: ${e.text}`).join(", ") : KB_TEXT.none}</dd>
      </dl>
      <p class="kb-preview__decision" data-testid="kb-preview-decision" data-decision={r.decision}>
        {decision}
        {r.article ? ` ${KB_TEXT.fromArticle(r.article.title)}` : ""}
      </p>
      {r.replies.map((reply) => (
        <p class="kb-preview__reply" data-testid="kb-preview-reply">
          {reply}
        </p>
      ))}
    </div>
  );
}

/** "What would the bot say to …?": a question box and the pipeline's reading of it. */
export function BotPreviewBox(props: Props) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<KbPreviewDTO | null>(null);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      setResult(await previewBot(text));
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="kb-box" aria-labelledby="kb-preview-title">
      <h2 class="kb-tab__title" id="kb-preview-title">
        {KB_TEXT.previewTitle}
      </h2>
      <form class="kb-preview__form" onSubmit={(e) => void submit(e)}>
        <input class="input" required maxLength={2000} value={text} placeholder={KB_TEXT.previewPlaceholder} aria-label={KB_TEXT.previewPlaceholder} onInput={(e) => setText(e.currentTarget.value)} data-testid="kb-preview-text" />
        <button type="submit" class="button button--primary" disabled={busy} data-testid="kb-preview-run">
          {busy ? KB_TEXT.previewRunning : KB_TEXT.previewRun}
        </button>
      </form>
      {result ? <PreviewResult result={result} /> : null}
    </section>
  );
}

function outcome(run: IntentTrainingDTO): string | null {
  if (run.status === "failed") return KB_TEXT.failed(run.reason ?? "");
  if (run.status !== "succeeded") return null;
  return run.accepted ? KB_TEXT.accepted(pct(run.accuracyBefore), pct(run.accuracyAfter)) : KB_TEXT.refused(pct(run.accuracyBefore), pct(run.accuracyAfter));
}

/** The retrain button, its progress bar while the job runs, and the accepted/refused result with both figures. */
export function RetrainPanel(props: Props) {
  const [run, setRun] = useState<IntentTrainingDTO | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const follow = (id: string): void => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      getTraining(id).then(
        (next) => {
          setRun(next);
          if (next.status === "queued" || next.status === "running") follow(id);
        },
        () => follow(id),
      );
    }, 700);
  };
  useEffect(() => {
    listTrainings().then(
      ([latest]) => {
        if (!latest) return;
        setRun(latest);
        if (latest.status === "queued" || latest.status === "running") follow(latest.id);
      },
      () => undefined,
    );
    return () => window.clearTimeout(timer.current);
  }, []);
  const start = async (): Promise<void> => {
    setStarting(true);
    try {
      const started = await startTraining();
      setRun(started);
      follow(started.id);
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  };
  const active = run?.status === "queued" || run?.status === "running";
  const text = run ? outcome(run) : null;
  return (
    <section class="kb-box" aria-labelledby="kb-retrain-title" data-testid="kb-retrain">
      <h2 class="kb-tab__title" id="kb-retrain-title">
        {KB_TEXT.retrainTitle}
      </h2>
      <p class="faint kb-box__hint">{KB_TEXT.retrainHint}</p>
      <button type="button" class="button button--primary" disabled={active || starting} onClick={() => void start()} data-testid="kb-retrain-start">
        {active ? KB_TEXT.retraining : KB_TEXT.retrain}
      </button>
      {active && run ? <progress class="kb-progress" max={1} value={run.progress} aria-label={KB_TEXT.progress} data-testid="kb-retrain-progress" /> : null}
      {text && run ? (
        <p class={`kb-retrain__result ${run.accepted ? "kb-retrain__result--ok" : "kb-retrain__result--refused"}`} data-testid="kb-retrain-result" data-accepted={String(run.accepted)} role="status">
          {text}
        </p>
      ) : null}
    </section>
  );
}
