/** Settings → Bot answers: the knowledge-base articles (list, add, edit, delete), the bot preview and retraining. */
import { useState } from "preact/hooks";
import type { KbArticleDTO } from "../../../../src/contracts/knowledge.ts";
import { markdownToText } from "../../../../src/contracts/markdown-text.ts";
import { createArticle, deleteArticle, listArticles, saveArticle, type ArticleDraft } from "../../api/kb-endpoints.ts";
import { KB_TEXT } from "./kb-strings.ts";
import { BotPreviewBox, RetrainPanel } from "./kb-tools.tsx";
import { RemoteBody } from "./settings-ui.tsx";
import { useRemote } from "./use-remote.ts";

type Props = { onError: (message: string) => void };

const EMPTY: ArticleDraft = { title: "", body: "", intents: [], examples: [], published: true };

function ArticleEditor(props: { article: KbArticleDTO | null; onDone: () => void; onCancel: () => void; onError: (message: string) => void }) {
  const start = props.article ?? EMPTY;
  const [title, setTitle] = useState(start.title);
  const [body, setBody] = useState(start.body);
  const [intents, setIntents] = useState(start.intents.join(", "));
  const [examples, setExamples] = useState(start.examples.join("\n"));
  const [published, setPublished] = useState(start.published);
  const [saving, setSaving] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const draft: ArticleDraft = {
      title,
      body,
      intents: intents.split(",").map((s) => s.trim()).filter(Boolean),
      examples: examples.split("\n").map((s) => s.trim()).filter(Boolean),
      published,
    };
    setSaving(true);
    try {
      if (props.article) await saveArticle(props.article.id, draft);
      else await createArticle(draft);
      props.onDone();
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="kb-editor" onSubmit={(e) => void submit(e)} data-testid="kb-editor">
      <label class="field">
        <span class="field__label">{KB_TEXT.title}</span>
        <input class="input" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} data-testid="kb-title" />
      </label>
      <label class="field">
        <span class="field__label">{KB_TEXT.body}</span>
        <textarea class="input" required rows={4} maxLength={5000} value={body} onInput={(e) => setBody(e.currentTarget.value)} data-testid="kb-body" />
      </label>
      <label class="field">
        <span class="field__label">{KB_TEXT.intents}</span>
        <input class="input" required value={intents} placeholder="get_refund, return_item" onInput={(e) => setIntents(e.currentTarget.value)} data-testid="kb-intents" />
      </label>
      <label class="field">
        <span class="field__label">{KB_TEXT.examples}</span>
        <textarea class="input" rows={3} value={examples} onInput={(e) => setExamples(e.currentTarget.value)} data-testid="kb-examples" />
      </label>
      <div class="kb-editor__actions">
        <label class="settings-check">
          <input type="checkbox" checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} data-testid="kb-published" /> {KB_TEXT.published}
        </label>
        <button type="submit" class="button button--primary" disabled={saving} data-testid="kb-save">
          {saving ? KB_TEXT.saving : KB_TEXT.save}
        </button>
        <button type="button" class="button button--secondary" onClick={props.onCancel}>
          {KB_TEXT.cancel}
        </button>
      </div>
    </form>
  );
}

function ArticleItem(props: { article: KbArticleDTO; onEdit: () => void; onDelete: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const a = props.article;
  return (
    <li class="kb-article" data-testid="kb-article" data-title={a.title}>
      <div class="kb-article__head">
        <strong>{a.title}</strong>
        {a.published ? null : <span class="chip">{KB_TEXT.draft}</span>}
        <span class="faint">{a.intents.join(", ")}</span>
        <span class="faint">· {KB_TEXT.examplesCount(a.examples.length)}</span>
        <span class="kb-article__actions">
          <button type="button" class="button button--secondary" onClick={props.onEdit} data-testid="kb-edit">
            {KB_TEXT.edit}
          </button>
          <button type="button" class={`button ${confirming ? "button--danger" : "button--secondary"}`} onClick={() => (confirming ? props.onDelete() : setConfirming(true))} onBlur={() => setConfirming(false)} data-testid="kb-delete">
            {confirming ? KB_TEXT.confirmDelete : KB_TEXT.delete}
          </button>
        </span>
      </div>
      <p class="kb-article__body">{markdownToText(a.body)}</p>
    </li>
  );
}

/** The Bot answers tab. */
export function KbArticlesTab(props: Props) {
  const [articles, reload] = useRemote(listArticles);
  const [editing, setEditing] = useState<KbArticleDTO | "new" | null>(null);
  const remove = async (id: string): Promise<void> => {
    try {
      await deleteArticle(id);
      reload();
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    }
  };
  const done = (): void => {
    setEditing(null);
    reload();
  };
  return (
    <div class="kb-tab" data-testid="kb-tab">
      <div class="kb-tab__main">
        <div class="kb-tab__head">
          <h2 class="kb-tab__title">{KB_TEXT.articles}</h2>
          {editing ? null : (
            <button type="button" class="button button--primary" onClick={() => setEditing("new")} data-testid="kb-new">
              {KB_TEXT.newArticle}
            </button>
          )}
        </div>
        {editing ? <ArticleEditor key={editing === "new" ? "new" : editing.id} article={editing === "new" ? null : editing} onDone={done} onCancel={() => setEditing(null)} onError={props.onError} /> : null}
        <RemoteBody remote={articles} onRetry={reload} empty={KB_TEXT.noArticles} testId="kb-articles">
          {(list) => (
            <ul class="settings-list kb-list" data-testid="kb-list">
              {list.map((a) => (
                <ArticleItem key={a.id} article={a} onEdit={() => setEditing(a)} onDelete={() => void remove(a.id)} />
              ))}
            </ul>
          )}
        </RemoteBody>
      </div>
      <aside class="kb-tab__side">
        <BotPreviewBox onError={props.onError} />
        <RetrainPanel onError={props.onError} />
      </aside>
    </div>
  );
}
