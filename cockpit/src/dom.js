// Small DOM helpers: the page builds its elements with h() instead of
// HTML strings, so nothing from the bus is ever parsed as markup.

// h("button", { class: "pf-c-button", onclick: f }, "Start")
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false)
            continue;
        if (name.startsWith("on"))
            el.addEventListener(name.slice(2), value);
        else if (name in el && typeof value !== "string")
            el[name] = value;
        else
            el.setAttribute(name, value === true ? "" : value);
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false)
            continue;
        el.append(child instanceof Node ? child : String(child));
    }
}

export function replace(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

let nextId = 0;
export function uniqueId(prefix) {
    nextId += 1;
    return `${prefix}-${nextId}`;
}

// Unix seconds (or µs when `micro`) → local date and time; 0 → "never".
export function formatTime(value, micro) {
    const seconds = micro ? Number(value) / 1e6 : Number(value);
    if (!seconds)
        return "—";
    return new Date(seconds * 1000).toLocaleString();
}

export function button(label, onclick, variant, extra) {
    return h("button", {
        type: "button",
        class: `pf-c-button pf-m-${variant || "secondary"}`,
        onclick,
        ...extra,
    }, label);
}

// A labelled form field; `control` is an input/select built by the caller
// with the id given here.
export function field(label, control, helper) {
    return h("div", { class: "pf-c-form__group" },
             h("div", { class: "pf-c-form__group-label" },
               h("label", { class: "pf-c-form__label", for: control.id },
                 h("span", { class: "pf-c-form__label-text" }, label))),
             h("div", { class: "pf-c-form__group-control" }, control,
               helper ? h("p", { class: "pf-c-form__helper-text" }, helper) : null));
}

export function input(id, attrs) {
    return h("input", { class: "pf-c-form-control", id, type: "text", ...attrs });
}

export function select(id, options, value) {
    return h("select", { class: "pf-c-form-control", id },
             options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
}

export function checkbox(id, label, checked) {
    return h("div", { class: "pf-c-check" },
             h("input", { class: "pf-c-check__input", type: "checkbox", id, checked: !!checked }),
             h("label", { class: "pf-c-check__label", for: id }, label));
}

export function card(title, ...body) {
    return h("section", { class: "pf-c-card gr-card", "aria-label": title },
             h("div", { class: "pf-c-card__title" }, h("h2", { class: "pf-c-title pf-m-lg" }, title)),
             h("div", { class: "pf-c-card__body" }, body));
}

export function emptyState(title, text) {
    return h("div", { class: "pf-c-empty-state pf-m-sm" },
             h("div", { class: "pf-c-empty-state__content" },
               h("h2", { class: "pf-c-title pf-m-md" }, title),
               text ? h("div", { class: "pf-c-empty-state__body" }, text) : null));
}

// A table: columns [[key, heading]], rows of objects whose values are
// strings or nodes; `rowAttrs(row)` adds attributes to each <tr>.
export function table(label, columns, rows, rowAttrs) {
    return h("table", { class: "pf-c-table pf-m-compact pf-m-grid-md", role: "grid", "aria-label": label },
             h("thead", {}, h("tr", { role: "row" },
                              columns.map(([, heading]) => h("th", { role: "columnheader", scope: "col" }, heading)))),
             h("tbody", { role: "rowgroup" },
               rows.map(row => h("tr", { role: "row", ...(rowAttrs ? rowAttrs(row) : {}) },
                                 columns.map(([key, heading]) =>
                                     h("td", { role: "cell", "data-label": heading }, row[key]))))));
}

// Replaces EL's children, keeping the keyboard focus on the element with
// the same data-key (links and buttons carry one): live updates must not
// throw a keyboard user back to the top.
export function rerender(el, ...children) {
    const active = document.activeElement;
    const key = active && el.contains(active) ? active.dataset.key : undefined;
    replace(el, ...children);
    if (key) {
        const again = el.querySelector(`[data-key="${CSS.escape(key)}"]`);
        if (again)
            again.focus();
    }
    return el;
}
