// Activity for the idle sign-out (Components/Layout/IdleSignOut.razor, docs/decisions/012).
// Input only sets a flag; every checkEvery ms a page that saw input (or whose sibling tab did,
// through localStorage) tells its circuit, and every renewEvery ms renews the sign-in cookie.
window.crmIdle = (() => {
    const key = 'crm.lastActivity';
    let circuit = null, sawInput = false, lastSeen = Date.now(), lastRenewed = Date.now();
    const mark = () => { sawInput = true; };
    const form = () => document.getElementById('crm-idle-signout');

    function tick(renewEvery) {
        const now = Date.now();
        if (sawInput) {
            sawInput = false;
            lastSeen = now;
            try { localStorage.setItem(key, String(now)); } catch { /* private mode: this tab only */ }
            if (now - lastRenewed >= renewEvery && form()) {
                lastRenewed = now;
                fetch('account/activity', { method: 'POST', body: new FormData(form()), credentials: 'same-origin' }).catch(() => { });
            }
        } else {
            let shared = 0;
            try { shared = Number(localStorage.getItem(key)) || 0; } catch { }
            if (shared <= lastSeen) return;
            lastSeen = shared;
        }
        circuit?.invokeMethodAsync('Active').catch(() => { });
    }

    return {
        start(dotnet, checkEvery, renewEvery) {
            if (circuit) { circuit = dotnet; return; }
            circuit = dotnet;
            for (const e of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'])
                document.addEventListener(e, mark, { passive: true, capture: true });
            setInterval(() => tick(renewEvery), checkEvery);
        },
        signOut() { form()?.submit(); },
    };
})();
