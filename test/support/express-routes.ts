/** Lists the routes an express 5 app really serves, by walking its router's layers (the router package's Layer/Route). */
import type { Express } from "express";

type Route = { path: string | RegExp | (string | RegExp)[]; methods: Record<string, boolean | undefined> };
type Layer = { route?: Route; rawPath?: string | RegExp | (string | RegExp)[]; handle: { stack?: Layer[] } };

/** A mounted route: lower-case method and the full express path (":id" parameters as written). */
export type MountedRoute = { method: string; path: string };

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, "/");
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

function walk(stack: Layer[], prefix: string, out: MountedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const path of [layer.route.path].flat()) {
        if (typeof path !== "string") continue; // a RegExp route (the console's pages) has no path to document
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") out.push({ method, path: join(prefix, path) });
      }
    } else if (layer.handle.stack) {
      for (const mount of [layer.rawPath ?? "/"].flat()) if (typeof mount === "string") walk(layer.handle.stack, join(prefix, mount), out);
    }
  }
}

/** Every route with a string path an express app serves. */
export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  walk((app.router as unknown as { stack: Layer[] }).stack, "", out);
  return out;
}
