import React from 'react';

type Props = {children: React.ReactNode; failed: React.ReactNode};

// A view in a chunk of its own that fails to load (the network, a plugin upgraded under an open
// page) says so in place of the view, instead of taking the sidebar down with it.
export default class ChunkBoundary extends React.Component<Props, {failed: boolean}> {
    state = {failed: false};

    static getDerivedStateFromError() {
        return {failed: true};
    }

    render() {
        return this.state.failed ? this.props.failed : this.props.children;
    }
}
