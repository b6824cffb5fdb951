/**
 * The hub's web pages, server-rendered with Thymeleaf (Chinese first, English on {@code ?lang=en}): 鉴真 verify and
 * printable receipts with QR codes, 楼盘公示 / 房屋销控 public listings, and the operators' dashboard with dead letters,
 * audit and ledger pages. Every page calls the same services as the REST API (RecordVerifier, PublicListing,
 * DeadLetterService, AuditChainCheck, the ledger), so what a page shows is what the API answers.
 */
package org.exchangehub.hub.web;
