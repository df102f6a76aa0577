/** Entry point of the console bundle: mounts the app into #app. */
import { render } from "preact";
import { App } from "./views/app.tsx";

const root = document.getElementById("app");
if (root) render(<App />, root);
