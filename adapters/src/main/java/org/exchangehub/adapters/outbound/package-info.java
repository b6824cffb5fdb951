/**
 * What every pushing outbound route shares: the HTTP push of a delivery to an agency ({@link
 * org.exchangehub.adapters.outbound.HttpPush}) and the route shape around it ({@link
 * org.exchangehub.adapters.outbound.PushDeliveryRoute}): map the delivery to the agency's message, push it, publish
 * what the agency answers.
 */
package org.exchangehub.adapters.outbound;
