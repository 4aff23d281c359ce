<#ftl output_format="plainText">
${msg((kind == "EXTENSION")?then("pimExtensionRequestedIntro", "pimApprovalRequestedIntro"), role, requester)}
<#if deadline?has_content>${msg("pimApprovalRequestedDeadline", deadline)}</#if>

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimApprovalRequestedAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
