// Sorting a table by a column: the state and the `sort` prop of its Th.
import { useState } from "react";

export function useSort(initial) {
    const [by, setBy] = useState({ index: initial ?? 0, direction: "asc" });
    const thSort = index => ({
        sortBy: by,
        onSort: (_event, i, direction) => setBy({ index: i, direction }),
        columnIndex: index,
    });
    // Sorts ROWS by KEYS[by.index](row), numbers as numbers.
    const sorted = (rows, keys) => {
        const key = keys[by.index];
        const out = [...rows].sort((a, b) => compare(key(a), key(b)));
        return by.direction === "desc" ? out.reverse() : out;
    };
    return { thSort, sorted };
}

function compare(a, b) {
    if (typeof a === "number" && typeof b === "number")
        return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true });
}
