<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if kind == "EXTENSION">
<p>${msg("pimExtensionApprovedIntro", role, approvers)}</p>
<p>${msg("pimExtensionApprovedEnd", endsAt)}</p>
<#else>
<p>${msg("pimApprovedIntro", role, approvers)}</p>
<p><#if status == "SCHEDULED">${msg("pimApprovedScheduled", startsAt, endsAt)}<#else>${msg("pimApprovedActive", startsAt, endsAt)}</#if></p>
</#if>
<#include "pim-request-details.ftl">
<#if link?has_content>
<p><a href="${link}">${msg("pimOpenRequests")}</a></p>
</#if>
<p style="color: #6a6e73; font-size: small;">${msg("pimFooter", realmName)}</p>
</@layout.emailLayout>
