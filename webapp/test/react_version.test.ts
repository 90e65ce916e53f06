import React from 'react';
import ReactDOM from 'react-dom';

// `npm test` runs on React 18 (Mattermost 10–11); `TEST_REACT=19 npm test` on React 19 (Mattermost 12).
test('the suite runs on the React it was asked for', () => {
    expect(React.version.split('.')[0]).toBe(process.env.TEST_REACT ?? '18');
    expect(ReactDOM.version).toBe(React.version);
});
