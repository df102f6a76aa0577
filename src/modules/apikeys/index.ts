/** API keys module: back-office access for other systems. */
export { apiKeyScopes, authenticateApiKey, createApiKey, presentApiKey, API_KEY_PREFIX } from "./apikeys.service.ts";
export type { ApiKeyRow } from "./apikeys.repo.ts";
