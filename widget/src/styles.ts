/** The widget's stylesheet, injected into its shadow root so no CSS leaks in or out. */

/** CSS for the launcher, the panel and the messages; colours derive from --sb-accent. */
export const WIDGET_CSS = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
.root{--sb-accent:#4f46e5;--sb-on-accent:#fff;--sb-bg:#f7f7fb;--sb-text:#1f2330;--sb-muted:#6b7185;--sb-border:#e4e6ef;
font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--sb-text);
-webkit-font-smoothing:antialiased}
button{font:inherit;color:inherit;cursor:pointer}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;
background:var(--sb-accent);color:var(--sb-on-accent);box-shadow:0 6px 20px rgba(20,20,50,.28);display:grid;place-items:center;
transition:transform .15s ease,box-shadow .15s ease}
.launcher:hover{transform:scale(1.06);box-shadow:0 8px 26px rgba(20,20,50,.34)}
.launcher:focus-visible,.close:focus-visible,.send:focus-visible,.retry:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.launcher svg{width:28px;height:28px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#ef4444;color:#fff;
font-size:12px;font-weight:600;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}
.badge[hidden]{display:none}
.panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:376px;height:min(620px,calc(100vh - 112px));
display:flex;flex-direction:column;background:#fff;border-radius:18px;overflow:hidden;
box-shadow:0 12px 48px rgba(20,20,50,.22),0 2px 8px rgba(20,20,50,.08);
transform-origin:bottom right;animation:sb-in .18s ease-out}
.panel[hidden]{display:none}
@keyframes sb-in{from{opacity:0;transform:translateY(12px) scale(.98)}to{opacity:1;transform:none}}
.header{display:flex;align-items:center;gap:12px;padding:18px 16px 18px 20px;background:var(--sb-accent);color:var(--sb-on-accent)}
.avatar{flex:none;width:40px;height:40px;border-radius:50%;background:rgba(255,255,255,.2);display:grid;place-items:center}
.avatar svg{width:22px;height:22px}
.avatar{overflow:hidden;font-size:15px;font-weight:650;letter-spacing:.02em}
.avatar-img{width:100%;height:100%;object-fit:cover;display:block}
.subtitle[hidden]{display:none}
.root.left .launcher{right:auto;left:20px}
.root.left .panel{right:auto;left:20px;transform-origin:bottom left}
.heading{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650;line-height:1.25;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.subtitle{margin:2px 0 0;font-size:12.5px;opacity:.85}
.close{flex:none;width:34px;height:34px;border:0;border-radius:10px;background:transparent;color:inherit;display:grid;place-items:center}
.close:hover{background:rgba(255,255,255,.16)}
.close svg{width:20px;height:20px}
.banner{padding:8px 16px;font-size:12.5px;text-align:center;background:#fff7e6;color:#8a5300;border-bottom:1px solid #fde7bd}
.banner.error{background:#fdecec;color:#a11d1d;border-color:#f7caca}
.banner[hidden]{display:none}
.log{flex:1;overflow-y:auto;padding:16px 14px 8px;background:var(--sb-bg);display:flex;flex-direction:column;gap:2px;overscroll-behavior:contain}
.empty{margin:auto 16px;text-align:center;color:var(--sb-muted);font-size:13px}
.row{display:flex;flex-direction:column;max-width:82%;margin-top:2px}
.row.first{margin-top:10px}
.row.mine{align-self:flex-end;align-items:flex-end}
.row.theirs{align-self:flex-start;align-items:flex-start}
.name{font-size:11.5px;color:var(--sb-muted);margin:0 10px 3px;font-weight:550}
.bubble{padding:9px 13px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.mine .bubble{background:var(--sb-accent);color:var(--sb-on-accent);border-bottom-right-radius:6px}
.theirs .bubble{background:#fff;color:var(--sb-text);border:1px solid var(--sb-border);border-bottom-left-radius:6px}
.row.system .bubble{background:#eef0f6;border-color:transparent;color:#444a5c;font-size:13px}
.row.pending .bubble{opacity:.72}
.row.failed .bubble{background:#fff;color:var(--sb-text);border:1px solid #f3b4b4}
.meta{font-size:11.5px;color:var(--sb-muted);margin:3px 8px 0}
.meta:empty{display:none}
.row.failed .meta{color:#b42318}
.retry{border:0;background:none;padding:0 0 0 6px;color:var(--sb-accent);font-weight:600;text-decoration:underline}
.typing{min-height:0;padding:0 22px;font-size:12px;color:var(--sb-muted);background:var(--sb-bg);display:flex;align-items:center;gap:8px}
.typing:not(:empty){padding:2px 22px 8px}
.dots{display:inline-flex;gap:3px}
.dots i{width:5px;height:5px;border-radius:50%;background:var(--sb-muted);animation:sb-dot 1.2s infinite}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes sb-dot{0%,60%,100%{opacity:.3;transform:none}30%{opacity:1;transform:translateY(-2px)}}
.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 10px 10px 16px;border-top:1px solid var(--sb-border);background:#fff}
.field{flex:1;display:flex;flex-direction:column;min-width:0}
textarea{all:unset;box-sizing:border-box;width:100%;min-height:24px;max-height:120px;padding:8px 0;font:inherit;color:var(--sb-text);
resize:none;overflow-y:auto;white-space:pre-wrap;overflow-wrap:anywhere}
textarea::placeholder{color:#9aa0b4}
.counter{font-size:11px;color:var(--sb-muted);text-align:right;padding-bottom:2px}
.counter.over{color:#b42318;font-weight:600}
.counter[hidden]{display:none}
.send{flex:none;width:38px;height:38px;margin-bottom:2px;border:0;border-radius:50%;background:var(--sb-accent);color:var(--sb-on-accent);
display:grid;place-items:center;transition:opacity .15s}
.send:disabled{opacity:.35;cursor:default}
.send svg{width:18px;height:18px}
.csat{margin:0;padding:12px 16px;border-top:1px solid var(--sb-border);background:#fff;display:flex;flex-direction:column;gap:8px}
.csat[hidden],.csat [hidden]{display:none}
.csat-title{margin:0;font-weight:650;font-size:14px}
.csat.done .csat-title{color:#15803d}
.csat-scale{display:flex;gap:6px}
.csat-scale input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.csat-option{flex:1;height:36px;border:1px solid var(--sb-border);border-radius:10px;display:grid;place-items:center;font-weight:600;cursor:pointer;background:var(--sb-bg)}
.csat-scale input:checked+.csat-option{background:var(--sb-accent);color:var(--sb-on-accent);border-color:var(--sb-accent)}
.csat-scale input:focus-visible+.csat-option{outline:3px solid #93c5fd;outline-offset:2px}
.csat-scale input:disabled+.csat-option{opacity:.6;cursor:default}
.csat-ends{display:flex;justify-content:space-between;font-size:11.5px;color:var(--sb-muted);margin-top:-4px}
.csat-comment{all:unset;box-sizing:border-box;width:100%;min-height:36px;padding:6px 10px;border:1px solid var(--sb-border);border-radius:10px;font:inherit;font-size:13px;color:var(--sb-text)}
.csat-comment:focus-visible{outline:3px solid #93c5fd;outline-offset:1px}
.csat-submit{align-self:flex-end;border:0;border-radius:10px;padding:7px 14px;background:var(--sb-accent);color:var(--sb-on-accent);font-weight:600}
.csat-submit:disabled{opacity:.4;cursor:default}
.csat-submit:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.csat-status{margin:0;font-size:12.5px;color:#b42318}
.footer{padding:6px 0 8px;text-align:center;font-size:11px;color:#a3a8b8;background:#fff}
@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0}.root.left .panel{left:0}.launcher.open{display:none}textarea{font-size:16px}}
@media (prefers-reduced-motion:reduce){.panel,.dots i,.launcher{animation:none;transition:none}}
`;
