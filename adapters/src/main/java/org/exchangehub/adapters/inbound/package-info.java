/**
 * What every agency's inbound routes share: reading native values ({@link
 * org.exchangehub.adapters.inbound.NativeFields}), mapping a native record to a canonical one ({@link
 * org.exchangehub.adapters.inbound.NativeMapping}), and the two inbound channels written once: an exchange table in a
 * front-end database ({@link org.exchangehub.adapters.inbound.ExchangeTableRoute}) and a file drop folder ({@link
 * org.exchangehub.adapters.inbound.FileDropRoute}).
 *
 * <p>Both channels publish one record at a time on {@code direct:publish} through the same per-record route, with a
 * non-eager idempotent consumer, and sort the outcome the same way: a {@link
 * org.exchangehub.adapters.hub.RecordRefusedException} or a {@link org.exchangehub.adapters.inbound.MappingException}
 * is final for that record (rejected with its reason, the others go on); any other exception means the hub could not
 * decide, so the channel stops and retries later in the same order. A record published again after a crash is
 * answered by the hub with the same version (content-idempotent), so nothing is duplicated.
 *
 * <p>Several hub instances: each table and each export format is read by one instance at a time, the holder of its
 * {@link org.exchangehub.adapters.inbound.InboundClaims claim} in the hub's database; another takes it over when the
 * holder dies (ADR 12).
 *
 * <p>REST push of single records needs nothing here: agencies that push call the hub's own {@code POST
 * /api/v1/records} with canonical JSON.
 */
package org.exchangehub.adapters.inbound;
