/** The transfer queue: built in components/queue/. */
export { QueuePanel } from './queue/QueuePanel';
