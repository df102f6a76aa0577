/** Entry point of the console bundle: mounts the app (or, at /console/invite/:token, the invite page) into #app. */
import { render } from "preact";
import { App } from "./views/app.tsx";
import { InviteView, inviteToken } from "./views/invite-view.tsx";

const root = document.getElementById("app");
const token = inviteToken(location.pathname);
if (root) render(token === null ? <App /> : <InviteView token={token} />, root);
