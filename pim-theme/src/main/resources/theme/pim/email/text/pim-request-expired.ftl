<#ftl output_format="plainText">
${msg("pimRequestExpiredIntro", role, deadline)}

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimRequestsAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
