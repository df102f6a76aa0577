/** The REST calls of Settings → Bot answers: articles, the bot preview, retraining the intent model. */
import type { IntentTrainingDTO, KbArticleDTO, KbPreviewDTO } from "../../../src/contracts/knowledge.ts";
import { request } from "./http.ts";

type Data<T> = { data: T };
/** What the article editor sends. */
export type ArticleDraft = { title: string; body: string; intents: string[]; examples: string[]; published: boolean };

/** Every article by title. */
export async function listArticles(): Promise<KbArticleDTO[]> {
  return (await request<Data<KbArticleDTO[]>>("GET", "/kb-articles")).data;
}

/** Adds an article. */
export async function createArticle(draft: ArticleDraft): Promise<KbArticleDTO> {
  return (await request<Data<KbArticleDTO>>("POST", "/kb-articles", draft)).data;
}

/** Changes an article. */
export async function saveArticle(id: string, draft: ArticleDraft): Promise<KbArticleDTO> {
  return (await request<Data<KbArticleDTO>>("PATCH", `/kb-articles/${encodeURIComponent(id)}`, draft)).data;
}

/** Deletes an article. */
export async function deleteArticle(id: string): Promise<void> {
  await request<null>("DELETE", `/kb-articles/${encodeURIComponent(id)}`);
}

/** What the bot would do with a typed question. */
export async function previewBot(text: string): Promise<KbPreviewDTO> {
  return (await request<Data<KbPreviewDTO>>("POST", "/kb-articles/preview", { text })).data;
}

/** Starts a retraining of the intent model. */
export async function startTraining(): Promise<IntentTrainingDTO> {
  return (await request<Data<IntentTrainingDTO>>("POST", "/intent-model/train", {})).data;
}

/** One retraining run. */
export async function getTraining(id: string): Promise<IntentTrainingDTO> {
  return (await request<Data<IntentTrainingDTO>>("GET", `/intent-model/train/${encodeURIComponent(id)}`)).data;
}

/** The latest retraining runs, newest first. */
export async function listTrainings(): Promise<IntentTrainingDTO[]> {
  return (await request<Data<IntentTrainingDTO[]>>("GET", "/intent-model/train")).data;
}
