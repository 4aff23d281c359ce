<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("pimElevationEndingIntro", role, endsAt)}</p>
<#include "pim-request-details.ftl">
<#if link?has_content>
<p><a href="${link}">${msg("pimOpenRoles")}</a></p>
</#if>
<p style="color: #6a6e73; font-size: small;">${msg("pimFooter", realmName)}</p>
</@layout.emailLayout>
