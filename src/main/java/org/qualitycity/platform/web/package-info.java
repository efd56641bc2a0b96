/** Web layer of the platform; {@link org.qualitycity.platform.web.ApiController} is used by every module. */
@org.springframework.modulith.NamedInterface("web")
package org.qualitycity.platform.web;
