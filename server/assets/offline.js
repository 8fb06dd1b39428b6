// Starts the app in the offline shell: a file of its own, as the Content-Security-Policy
// runs no inline script without the nonce of a server-rendered page.
import init, { mount } from "/pkg/baocao.js";
init({ module_or_path: "/pkg/baocao.wasm" }).then(() => mount());
