<#ftl output_format="plainText">
${msg("pimDeniedIntro", role, deniedBy)}

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimRequestsAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
