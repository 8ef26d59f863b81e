// hls.js, fetched only when a page plays HLS (once per page).
let hlsLibrary = null;
// this module is served as /v<version>/js/hlslibrary.js; the webjar carries the same version
// (/webjars/v<version>/...), so the browser may keep it for a year
const assetVersion = new URL(import.meta.url).pathname.split('/js/')[0];
const HLS_SCRIPT = `/webjars${assetVersion}/hls.js/dist/hls.min.js`;

export function loadHls() {
  hlsLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = HLS_SCRIPT;
    script.onload = () => resolve(window.Hls);
    script.onerror = () => reject(new Error('The video library could not be loaded.'));
    document.head.append(script);
  });
  return hlsLibrary;
}
