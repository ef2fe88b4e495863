"""The exchange hub (文档交换系统): receive, check, acknowledge, route and deliver interchanges."""
