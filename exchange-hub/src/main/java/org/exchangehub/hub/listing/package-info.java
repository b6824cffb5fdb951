/**
 * The public listing: the latest public view (nothing personal) of every project, building, unit, contract and
 * filing, kept from what the portal adapter sends to {@code direct:listing-update}, and the five portal interfaces
 * served from it (楼盘公示, 房屋销控, 网签合同查询, 备案查询, 查询鉴真).
 */
@ApplicationModule(allowedDependencies = {"api", "notary", "record", "verify"})
package org.exchangehub.hub.listing;

import org.springframework.modulith.ApplicationModule;
