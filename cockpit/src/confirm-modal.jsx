// A confirmation: a PatternFly modal with the question, the controls the
// caller adds (spaced apart), a confirm and a cancel button. Escape and
// Cancel close it; SIZE is PatternFly's variant, small by default.
import React from "react";
import { Button, Modal } from "@patternfly/react-core";
import { _ } from "./gettext.js";

export function ConfirmModal({ title, confirm, variant, onConfirm, onClose, isDisabled, size, children }) {
    return (
        <Modal isOpen variant={size || "small"} title={title} onClose={onClose}
               actions={[
                   <Button key="confirm" variant={variant || "primary"} data-test="confirm"
                           isDisabled={isDisabled} onClick={onConfirm}>{confirm}</Button>,
                   <Button key="cancel" variant="link" onClick={onClose}>{_("Cancel")}</Button>,
               ]}>
            <div className="gr-modal-body">{children}</div>
        </Modal>
    );
}
