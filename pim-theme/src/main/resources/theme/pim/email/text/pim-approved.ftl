<#ftl output_format="plainText">
<#if kind == "EXTENSION">
${msg("pimExtensionApprovedIntro", role, approvers)}
${msg("pimExtensionApprovedEnd", endsAt)}
<#else>
${msg("pimApprovedIntro", role, approvers)}
<#if status == "SCHEDULED">${msg("pimApprovedScheduled", startsAt, endsAt)}<#else>${msg("pimApprovedActive", startsAt, endsAt)}</#if>
</#if>

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimRequestsAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
