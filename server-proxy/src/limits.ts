export { LIMITS } from '@throughline/contract';
