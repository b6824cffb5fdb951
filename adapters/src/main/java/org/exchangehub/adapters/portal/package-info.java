/**
 * The provincial government service portal (省政务服务平台): gets the public view of PROJECT, BUILDING, UNIT and the
 * status of CONTRACT and FILING, with nothing personal in it, through the hub's public listing.
 */
package org.exchangehub.adapters.portal;
