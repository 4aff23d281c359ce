<#ftl output_format="plainText">
<#-- The facts every PIM email shows, as plain text. -->
${msg("pimDetailRole")}: ${role}
${msg((kind == "ASSIGNMENT")?then("pimDetailAssignedTo", "pimDetailRequester"))}: ${requester}
${msg("pimDetailJustification")}: <#if justification?has_content>${justification}<#else>${msg("pimNone")}</#if>
${msg("pimDetailTicket")}: <#if ticket?has_content>${ticket}<#else>${msg("pimNone")}</#if>
${msg("pimDetailDuration")}: ${duration}
<#if hasWindow>
${msg("pimDetailStartsAt")}: ${startsAt}
${msg("pimDetailEndsAt")}: ${endsAt}
<#elseif requestedStart?has_content>
${msg("pimDetailRequestedStart")}: ${requestedStart}
</#if>
${msg("pimDetailStatus")}: ${status}
<#if decisions?has_content>
${msg("pimDetailDecisions")}:
<#list decisions as d>
  - ${d.approver} ${msg("pimDecision" + d.decision)}: ${d.reason}
</#list>
</#if>
<#if reason?has_content>
${msg("pimDetailReason")}: ${reason}
</#if>
