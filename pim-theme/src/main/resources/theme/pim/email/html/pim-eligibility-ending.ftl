<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("pimEligibilityEndingIntro", role, endsAt)}</p>
<#if link?has_content>
<p><a href="${link}">${msg("pimOpenRoles")}</a></p>
</#if>
<p style="color: #6a6e73; font-size: small;">${msg("pimFooter", realmName)}</p>
</@layout.emailLayout>
