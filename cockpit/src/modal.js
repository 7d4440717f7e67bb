// A confirmation dialog (PatternFly modal box). Resolves to true when
// confirmed; Escape and Cancel resolve to false. Focus moves into the
// dialog and back to where it was. The dialog has left the document when
// the promise resolves: callers read the controls they passed in BODY
// from those elements, not by id.
import { h, uniqueId } from "./dom.js";

export function confirmDialog(title, body, confirmLabel, variant) {
    const titleId = uniqueId("modal-title");
    const previous = document.activeElement;
    return new Promise(resolve => {
        let backdrop = null;
        const close = answer => {
            backdrop.remove();
            document.removeEventListener("keydown", onKey);
            if (previous && previous.focus)
                previous.focus();
            resolve(answer);
        };
        const onKey = event => { if (event.key === "Escape") close(false) };
        const confirm = h("button", { type: "button", class: `pf-c-button pf-m-${variant || "primary"}`, "data-test": "confirm", onclick: () => close(true) }, confirmLabel);
        backdrop = h("div", { class: "pf-c-backdrop" },
                     h("div", { class: "pf-l-bullseye" },
                       h("div", { class: "pf-c-modal-box pf-m-sm", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
                         h("header", { class: "pf-c-modal-box__header" },
                           h("h1", { class: "pf-c-modal-box__title", id: titleId }, title)),
                         h("div", { class: "pf-c-modal-box__body" }, body),
                         h("footer", { class: "pf-c-modal-box__footer" }, confirm,
                           h("button", { type: "button", class: "pf-c-button pf-m-link", onclick: () => close(false) }, "Cancel")))));
        document.addEventListener("keydown", onKey);
        document.body.append(backdrop);
        confirm.focus();
    });
}
