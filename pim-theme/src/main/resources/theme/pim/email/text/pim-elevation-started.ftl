<#ftl output_format="plainText">
${msg("pimStartedIntro", role, endsAt)}

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimRequestsAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
