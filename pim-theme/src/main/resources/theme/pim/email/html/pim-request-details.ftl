<#-- The facts every PIM email shows. All values are plain text and escaped here (HTML auto-escaping). -->
<table style="border-collapse: collapse; margin: 12px 0;" cellpadding="0" cellspacing="0">
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailRole")}</strong></td><td>${role}</td></tr>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg((kind == "ASSIGNMENT")?then("pimDetailAssignedTo", "pimDetailRequester"))}</strong></td><td>${requester}</td></tr>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailJustification")}</strong></td><td style="white-space: pre-wrap;"><#if justification?has_content>${justification}<#else>${msg("pimNone")}</#if></td></tr>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailTicket")}</strong></td><td><#if ticket?has_content>${ticket}<#else>${msg("pimNone")}</#if></td></tr>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailDuration")}</strong></td><td>${duration}</td></tr>
<#if hasWindow>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailStartsAt")}</strong></td><td>${startsAt}</td></tr>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailEndsAt")}</strong></td><td>${endsAt}</td></tr>
<#elseif requestedStart?has_content>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailRequestedStart")}</strong></td><td>${requestedStart}</td></tr>
</#if>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailStatus")}</strong></td><td>${status}</td></tr>
<#if decisions?has_content>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailDecisions")}</strong></td><td><#list decisions as d><div style="white-space: pre-wrap;">${d.approver} ${msg("pimDecision" + d.decision)}: ${d.reason}</div></#list></td></tr>
</#if>
<#if reason?has_content>
    <tr><td style="padding: 2px 16px 2px 0; vertical-align: top;"><strong>${msg("pimDetailReason")}</strong></td><td style="white-space: pre-wrap;">${reason}</td></tr>
</#if>
</table>
