// Follows Cockpit's style setting (the shell keeps it in localStorage
// "shell:style": auto, light or dark, and tells open pages with a
// "cockpit-style" event); "auto" follows the browser. The dark theme is
// PatternFly's: the class pf-theme-dark on the root element.
const KEY = "shell:style";
const DARK_QUERY = "(prefers-color-scheme: dark)";

function wantsDark(style) {
    if (style === "dark")
        return true;
    if (style === "light")
        return false;
    return !!window.matchMedia?.(DARK_QUERY).matches;
}

function apply(style) {
    const chosen = style || localStorage.getItem(KEY) || "auto";
    document.documentElement.classList.toggle("pf-theme-dark", wantsDark(chosen));
}

export function followCockpitStyle() {
    window.addEventListener("storage", event => {
        if (event.key === KEY)
            apply();
    });
    window.addEventListener("cockpit-style", event => apply(event.detail?.style));
    window.matchMedia?.(DARK_QUERY).addEventListener("change", () => apply());
    apply();
}
