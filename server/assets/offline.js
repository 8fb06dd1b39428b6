// Starts the app in the offline shell: a file of its own, as the Content-Security-Policy
// runs no inline script without the nonce of a server-rendered page. The review pages are
// in the reviewers' build, under the addresses the server writes in (app::builds),
// kept here once a reviewer opened one; without it, and for the administration, which
// needs the server, the ward's build opens and says so.
const path = location.pathname;
const under = (root) => path === root || path.startsWith(root + "/");
const review = __REVIEW_ROOTS__.some(under);

async function start(name) {
  const { default: init, mount } = await import(`/pkg/${name}.js`);
  await init({ module_or_path: `/pkg/${name}.wasm` });
  mount();
}

start(review ? "baocao-review" : "baocao").catch(() => review && start("baocao"));
