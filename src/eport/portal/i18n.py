"""The portal's two languages: Chinese and English, chosen by ?lang=, a cookie, or the browser."""

from __future__ import annotations

from starlette.requests import Request

LANGUAGES = ("zh", "en")
LANG_COOKIE = "eport_lang"

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "title": "eport — electronic port",
        "login": "Log in",
        "logout": "Log out",
        "username": "Username",
        "password": "Password",
        "login_failed": "Wrong username or password, or the account is locked.",
        "form_expired": "The form has expired; please try again.",
        "too_many": "Too many login attempts from your address; wait a few minutes.",
        "participant": "Participant",
        "code": "Code",
        "name": "Name",
        "status": "Status",
        "roles": "Roles",
        "identifiers": "Identification codes",
        "users": "Users",
        "role": "Role",
        "last_login": "Last login",
        "tokens": "API tokens",
        "prefix": "Prefix",
        "scopes": "Scopes",
        "expires": "Expires",
        "last_used": "Last used",
        "never": "never",
        "revoked": "revoked",
        "revoke": "Revoke",
        "new_token": "New API token",
        "token_name": "What it is for",
        "expires_days": "Expires after (days, empty: never)",
        "create": "Create",
        "token_once": "Copy this token now: it is shown only once.",
        "back": "Back",
        "signed_in_as": "Signed in as",
        "language": "中文",
    },
    "zh": {
        "title": "eport 电子口岸",
        "login": "登录",
        "logout": "退出",
        "username": "用户名",
        "password": "密码",
        "login_failed": "用户名或密码错误，或账户已被锁定。",
        "form_expired": "表单已过期，请重试。",
        "too_many": "您的地址登录尝试次数过多，请稍后再试。",
        "participant": "参与方",
        "code": "代码",
        "name": "名称",
        "status": "状态",
        "roles": "角色",
        "identifiers": "标识代码",
        "users": "用户",
        "role": "角色",
        "last_login": "最近登录",
        "tokens": "API 令牌",
        "prefix": "前缀",
        "scopes": "权限范围",
        "expires": "到期",
        "last_used": "最近使用",
        "never": "永不",
        "revoked": "已吊销",
        "revoke": "吊销",
        "new_token": "新建 API 令牌",
        "token_name": "用途",
        "expires_days": "有效天数（留空：永久）",
        "create": "创建",
        "token_once": "请立即复制此令牌：它只显示这一次。",
        "back": "返回",
        "signed_in_as": "当前用户",
        "language": "English",
    },
}


def choose_language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    if kept in LANGUAGES:
        return kept
    return _from_accept_language(request.headers.get("accept-language", ""))


def _from_accept_language(header: str) -> str:
    weighted: list[tuple[float, str]] = []
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.split("-")[0].lower()
        if primary in LANGUAGES:
            weighted.append((quality, primary))
    return max(weighted, key=lambda item: item[0])[1] if weighted else "zh"
