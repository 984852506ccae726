// Starts Blazor with CrmBlazor's reconnection policy (docs/decisions/003 and 005).
// The 9.0 default retries ten times with no pause and then waits 5–30 s between attempts, so a
// short network drop used all quick attempts at once and the user then waited up to half a minute.
// We retry at once, then every 2 s for about five minutes (the server keeps a dropped circuit for
// three), and immediately when the browser reports the network is back.
(() => {
    const banner = () => document.getElementById('components-reconnect-modal');
    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 150,
                retryIntervalMilliseconds: attempt => attempt >= 150 ? null : attempt === 0 ? 0 : 2000,
            },
        },
    });
    window.addEventListener('online', () => {
        if (banner()?.classList.contains('components-reconnect-show')) Blazor.reconnect().catch(() => { /* the periodic retry continues */ });
    });
})();

// The reconnect banner's "reload" links (no inline handlers: the CSP allows scripts from our origin only).
document.addEventListener('click', e => {
    if (e.target instanceof Element && e.target.closest('[data-crm-reload]')) {
        e.preventDefault();
        location.reload();
    }
});
