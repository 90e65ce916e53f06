import React from 'react';

import Dialog from './dialog';
import DialogHeader from './dialog_header';

type Props = {

    // The heading's id (the dialog is labelled by it).
    id: string;
    title: React.ReactNode;
    onClose: () => void;
    onSubmit: (e: React.FormEvent) => void;
    children: React.ReactNode;
};

// A modal dialog holding one form: the shared header, then the caller's body and footer.
// Validation is the form's own (noValidate), so messages are ours and translated.
export default function FormDialog({id, title, onClose, onSubmit, children}: Props) {
    return (
        <Dialog
            labelledBy={id}
            onClose={onClose}
        >
            <form
                onSubmit={onSubmit}
                noValidate={true}
            >
                <DialogHeader
                    id={id}
                    onClose={onClose}
                    title={title}
                />
                {children}
            </form>
        </Dialog>
    );
}
