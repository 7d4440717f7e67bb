// Values of an a{sv} property (Workers, LastVerification) come as
// variants ({ t, v }); this reads one plainly.
export function v(dict, key) {
    const value = dict?.[key];
    return value && typeof value === "object" && "v" in value ? value.v : value;
}
