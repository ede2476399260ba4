"""Build stage: everything that writes files (figure assets, pages, embeds, images, downloads, the site)."""
