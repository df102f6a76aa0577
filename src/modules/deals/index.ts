/** Deals module: the pipeline's stages, deals and their stage history, leads opened from chats. */
export {};
