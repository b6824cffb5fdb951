/**
 * The housing bureau (住建局 / 房地产交易中心): its inbound routes ({@link
 * org.exchangehub.adapters.housing.HousingInboundRoutes}, mapping in {@link
 * org.exchangehub.adapters.housing.HousingMapping}) and its outbound route ({@code HousingOutboundRoute}).
 *
 * <h2>Inbound channels</h2>
 *
 * <ol>
 *   <li><b>Exchange tables (前置库)</b> {@code EXCH_PROJECT}, {@code EXCH_BUILDING}, {@code EXCH_UNIT}, {@code
 *       EXCH_CONTRACT}, {@code EXCH_FILING} as in {@code housing/frontend-schema.sql}: rows with CLZT = NEW are
 *       published in XH order and marked DONE (HZBH, BBH) or FAILED (CLJG).
 *   <li><b>File drop</b> of nightly exports into the inbox folder: the XML of contracts and filings and the CSV of the
 *       building table, both below. A processed file goes to {@code done/}; rejected records are listed in {@code
 *       error/<file>.rejected.txt} as {@code <file>#<n> TAB <native key> TAB <code>: <message>}; an unreadable file
 *       goes to {@code error/} with {@code error/<file>.reason.txt}.
 *   <li><b>REST push</b> of single records needs no route here: the bureau calls the hub's own {@code POST
 *       /api/v1/records} with canonical JSON.
 * </ol>
 *
 * <h2>XML export of contracts and filings (合同备案信息, {@code *.xml})</h2>
 *
 * <p>UTF-8, root {@code <HTBAXX>}, one {@code <HT>} (网签合同 → CONTRACT) or {@code <BA>} (备案 → FILING) element per
 * record, in any mix and order; the child elements carry the bureau's names, the same as the exchange table columns.
 * Dates are GB/T 7408 basic format {@code yyyyMMdd} ({@code yyyy-MM-dd} is accepted too); amounts in yuan and areas in
 * m² as plain decimals. Optional elements may be left out or empty. No DTD is accepted.
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <HTBAXX>
 *   <HT>
 *     <HTBH>HT-2026-000123</HTBH>            <!-- 合同编号 contractNo -->
 *     <FWBM>320105001017-B03-1203</FWBM>     <!-- 房屋编码 houseCode -->
 *     <MSRXX>                                <!-- 买受人信息 buyers, 1 to 10 -->
 *       <MSR><XM>张伟</XM><ZJHM>990101199001011234</ZJHM><LXDH>13900000001</LXDH></MSR>
 *       <MSR><XM>李娜</XM><ZJHM>99010119920315002X</ZJHM></MSR>   <!-- LXDH 联系电话 optional -->
 *     </MSRXX>
 *     <CMR>南京安居置业有限公司</CMR>           <!-- 出卖人 seller name -->
 *     <CMRZJHM>91320105MA1WKD0N3Q</CMRZJHM>  <!-- 统一社会信用代码 seller creditCode -->
 *     <HTJE>3456789.12</HTJE>                <!-- 合同金额 price -->
 *     <HTMJ>98.76</HTMJ>                     <!-- 合同面积 area -->
 *     <QYRQ>20260402</QYRQ>                  <!-- 签约日期 signedDate -->
 *     <HTZT>已签约</HTZT>                     <!-- 合同状态: 已签约 已变更 已撤销 -->
 *     <CXRQ></CXRQ>                          <!-- 撤销日期 cancelledDate, when 已撤销 -->
 *     <BGYY></BGYY>                          <!-- 变更原因 changeReason, when 已变更 -->
 *   </HT>
 *   <BA>
 *     <BABH>BA-2026-000456</BABH>            <!-- 备案编号 filingNo -->
 *     <HTBH>HT-2026-000123</HTBH>            <!-- 合同编号 contractNo -->
 *     <FWBM>320105001017-B03-1203</FWBM>     <!-- 房屋编码 houseCode -->
 *     <BARQ>20260409</BARQ>                  <!-- 备案日期 filedDate -->
 *     <BAZT>已备案</BAZT>                     <!-- 备案状态: 已备案 已撤销 -->
 *   </BA>
 * </HTBAXX>
 * }</pre>
 *
 * <h2>CSV export of the building table (楼盘表, {@code *.csv})</h2>
 *
 * <p>UTF-8 (a byte order mark is accepted), RFC 4180 quoting, a header line with the native names
 * {@code FWBM,LDBH,XMBH,SZC,FH,JZMJ,TNMJ,FWYT,XSZT,BAJG} (any order; extra columns are ignored), one unit (→ UNIT) per
 * line; TNMJ may be empty.
 *
 * <pre>
 * FWBM,LDBH,XMBH,SZC,FH,JZMJ,TNMJ,FWYT,XSZT,BAJG
 * 320105001017-B03-1203,NJ-JY-2026-0017-B03,NJ-JY-2026-0017,12,1203,98.76,79.15,住宅,已签约,3456789.12
 * </pre>
 *
 * <h2>Native codes</h2>
 *
 * <p>FWYT 住宅/商业/办公/车位/其他 → RESIDENTIAL/COMMERCIAL/OFFICE/PARKING/OTHER; XSZT 可售/已预订/已签约/已备案/已登记/不可售 →
 * AVAILABLE/RESERVED/SIGNED/FILED/REGISTERED/NOT_FOR_SALE; HTZT 已签约/已变更/已撤销 → SIGNED/CHANGED/CANCELLED; BAZT
 * 已备案/已撤销 → FILED/REVOKED. Any other value rejects the record with {@code NATIVE_VALUE_INVALID}.
 */
package org.exchangehub.adapters.housing;
