// What a verification found: the last one's summary (LastVerification)
// and the list of files that differ after "Verify now".
import React from "react";
import { Alert } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _, format } from "./gettext.js";
import { formatTime } from "./time.js";
import { v } from "./variant.js";

export function LastVerification({ last }) {
    if (!last || !v(last, "time"))
        return <p data-test="last-verification">{_("Never verified.")}</p>;
    const error = v(last, "error");
    return (
        <p data-test="last-verification">
            {format(_("Last verified $0: $1 files checked, $2 differ, in $3 ms."), formatTime(v(last, "time")),
                    v(last, "files-checked"), v(last, "mismatches"), v(last, "duration-ms"))}
            {error ? ` ${format(_("Error: $0"), error)}` : ""}
        </p>
    );
}

export function Mismatches({ checked, mismatches }) {
    if (mismatches.length === 0)
        return <Alert isInline variant="success" data-test="verify-ok"
                      title={format(_("$0 files checked: all equal on the secondary"), checked)} />;
    return (
        <>
            <Alert isInline variant="danger" data-test="verify-mismatches"
                   title={format(_("$0 files checked, $1 differ"), checked, mismatches.length)} />
            <TableComposable aria-label={_("Files that differ")} variant="compact">
                <Thead><Tr><Th>{_("Path")}</Th><Th>{_("Kind")}</Th><Th>{_("Detail")}</Th></Tr></Thead>
                <Tbody>
                    {mismatches.map(([path, kind, detail]) =>
                        <Tr key={`${path}:${kind}`} data-mismatch={path}>
                            <Td dataLabel={_("Path")}><code>{path}</code></Td>
                            <Td dataLabel={_("Kind")}>{kind}</Td>
                            <Td dataLabel={_("Detail")}>{detail}</Td>
                        </Tr>)}
                </Tbody>
            </TableComposable>
        </>
    );
}
