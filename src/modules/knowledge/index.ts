/** Knowledge module: the FAQ articles the bot answers from. */
export { findArticleByIntent, type ArticleRow } from "./knowledge.repo.ts";
export { articleForIntent } from "./knowledge.service.ts";
