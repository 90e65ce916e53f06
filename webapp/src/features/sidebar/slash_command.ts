import type {SlashCommandArgs, SlashCommandHookResult} from '../../host/types';

const OPEN = /^\/task(?:\s+open)?\s*$/i;

// `/task` or `/task open` opens the sidebar; anything else goes on to the server's /task command.
export const taskCommandHook = (open: () => void) => (message: string, args: SlashCommandArgs): SlashCommandHookResult => {
    if (typeof message === 'string' && OPEN.test(message.trim())) {
        open();
        return {};
    }
    return {message, args};
};
