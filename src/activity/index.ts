// What other features use from provisioning activity (host-free parts; the extension side is
// wired in activate()). The tree's "recent activity" node reads a job's last events through
// recentEvents() and opens one with the entraProvisioning.showActivityDetails command.
export { recentEvents, type RecentActivity } from './recentEvents';
export { formatEvent, englishWords, type ActivityLine, type ActivityWords } from './formatter';
export { renderEventDetails, recordFromDetails } from './eventDetails';
export { eventAction, eventStatus, isFailure, type ActivityEvent, type ActivityScope } from './types';
