// The page's words go through Cockpit's translations (po.js, loaded by
// index.html before the page). `_` is the keyword xgettext extracts
// (cockpit/po-extract); `format` fills $0, $1… into a translated text.
/* global cockpit */

export const _ = text => cockpit.gettext(text);
export const format = (text, ...args) => cockpit.format(text, args);
export const ngettext = (one, many, n) => cockpit.ngettext(one, many, n);
