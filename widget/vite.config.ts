/** Builds the embeddable widget into one minified IIFE script, widget/dist/widget.js (CSS lives inside it). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: "es2020",
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: `${here}src/main.ts`,
      formats: ["iife"],
      name: "SwitchboardWidgetBundle",
      fileName: () => "widget.js",
    },
  },
});
