// The options of a session, one row each: name with its marks (set,
// command, read-only), value, and edit/save/cancel/reset.
import React, { useState } from "react";
import { Label, TextInput } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _, format } from "./gettext.js";
import { ActionButton } from "./runner.jsx";

function Marks({ set, kind }) {
    return (
        <>
            {set && <Label isCompact color="blue" data-mark="set">{_("set")}</Label>}
            {kind === "command" &&
                <Label isCompact color="orange" data-mark="command" title={_("Needs the configure-commands authorization")}>
                    {_("command")}
                </Label>}
            {kind === "read-only" && <Label isCompact data-mark="read-only">{_("read-only")}</Label>}
        </>
    );
}

function Editor({ option, value, busyKey, onSave, onCancel }) {
    const [text, setText] = useState(value);
    const save = () => onSave(text);
    return (
        <>
            <Td dataLabel={_("Value")}>
                <TextInput autoFocus value={text} onChange={setText} aria-label={format(_("New value of $0"), option)}
                           onKeyDown={e => { if (e.key === "Enter") save() }} />
            </Td>
            <Td dataLabel={_("Actions")} className="gr-row-actions">
                <ActionButton busyKey={busyKey} variant="primary" data-key={`${option}-Save`} onClick={save}>{_("Save")}</ActionButton>
                <ActionButton busyKey={`${busyKey}:cancel`} variant="link" onClick={onCancel}>{_("Cancel")}</ActionButton>
            </Td>
        </>
    );
}

function Row({ option, value, set, kind, busyKey, onSave, onReset }) {
    const [editing, setEditing] = useState(false);
    const save = async text => {
        if (await onSave(option, text) !== undefined)
            setEditing(false);
    };
    return (
        <Tr data-option={option}>
            <Td dataLabel={_("Option")}><span className="gr-option">{option}</span> <Marks set={set} kind={kind} /></Td>
            {editing
                ? <Editor option={option} value={value} busyKey={busyKey} onSave={save} onCancel={() => setEditing(false)} />
                : <>
                    <Td dataLabel={_("Value")}><code className="gr-config-value">{value}</code></Td>
                    <Td dataLabel={_("Actions")} className="gr-row-actions">
                        {kind !== "read-only" &&
                            <ActionButton busyKey={`${busyKey}:edit`} aria-label={format(_("Edit $0"), option)}
                                          onClick={() => setEditing(true)}>{_("Edit")}</ActionButton>}
                        {kind !== "read-only" && set &&
                            <ActionButton busyKey={busyKey} aria-label={format(_("Reset $0"), option)}
                                          onClick={() => onReset(option)}>{_("Reset")}</ActionButton>}
                    </Td>
                </>}
        </Tr>
    );
}

export function ConfigTable({ set, effective, keys, onlySet, busyKey, onSave, onReset }) {
    const all = { ...effective, ...set };
    const names = Object.keys(all).filter(k => !onlySet || k in set).sort();
    return (
        <TableComposable aria-label={_("Configuration")} variant="compact" gridBreakPoint="grid-md">
            <Thead><Tr><Th>{_("Option")}</Th><Th>{_("Value")}</Th><Th>{_("Actions")}</Th></Tr></Thead>
            <Tbody>
                {names.map(k => <Row key={k} option={k} value={all[k]} set={k in set} kind={keys[k] || "ordinary"}
                                     busyKey={busyKey(k)} onSave={onSave} onReset={onReset} />)}
            </Tbody>
        </TableComposable>
    );
}
