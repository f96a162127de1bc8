// Labels in 简体中文 and English. Static markup names its label with data-i18n (text) or
// data-i18n-attr="attribute:key;…"; views that render dynamically call t() and re-render on
// the 'langchange' event. The choice is kept in localStorage.

const STORAGE_KEY = 'console.lang';

const MESSAGES = {
  'zh-CN': {
    'app.title': '客服联络中心控制台',
    'app.boardTitle': '网点叫号屏',
    'a11y.skip': '跳到主要内容',
    'lang.switchTo': 'English',
    'lang.switchLabel': '切换到英文',
    'auth.title': '登录',
    'auth.username': '用户名',
    'auth.password': '密码',
    'auth.submit': '登录',
    'auth.signOut': '退出',
    'auth.failed': '用户名或密码错误。',
    'auth.expired': '登录已过期，请重新登录。',
    'auth.noRole': '此账号无权使用该页面。',
    'auth.signedInAs': '{user}（{role}）',
    'conn.online': '已连接',
    'conn.offline': '已断开',
    'conn.connecting': '连接中…',
    'conn.offlineBanner': '与服务器的连接已断开，正在自动重连。恢复后数据会自动同步。',
    'role.agent': '坐席',
    'role.supervisor': '班组长',
    'role.admin': '管理员',
    'state.offline': '离线',
    'state.available': '空闲',
    'state.busy': '忙碌',
    'state.not_ready': '小休',
    'state.wrap_up': '话后处理',
    'agent.myState': '我的状态',
    'agent.current': '当前状态',
    'agent.since': '已持续 {time}',
    'agent.wrapUntil': '话后处理至 {time}',
    'agent.capacity': '容量',
    'agent.goAvailable': '置闲',
    'agent.finishWrap': '结束话后处理并置闲',
    'agent.goNotReady': '小休',
    'agent.goOffline': '离线',
    'agent.reason': '小休原因',
    'reason.break': '休息',
    'reason.lunch': '用餐',
    'reason.training': '培训',
    'reason.meeting': '会议',
    'reason.coaching': '辅导',
    'reason.admin-work': '事务处理',
    'reason.missed-offer': '未接来电',
    'reason.supervisor': '班组长设置',
    'agent.offers': '来电 / 新会话',
    'agent.noOffers': '暂无分配。',
    'agent.work': '我的服务',
    'agent.noContacts': '当前没有正在服务的客户。',
    'offer.title': '新的 {channel} 接入',
    'offer.customer': '客户',
    'offer.tier': '客户等级',
    'offer.risk': '风险等级',
    'offer.queue': '队列',
    'offer.waited': '已等待',
    'offer.expiresIn': '剩余 {s} 秒',
    'offer.accept': '接听',
    'offer.reject': '拒绝',
    'offer.gone': '该分配已失效。',
    'offer.revoked': '分配已撤回（{reason}）。',
    'revoked.rejected': '已拒绝',
    'revoked.timed_out': '超时未接',
    'revoked.withdrawn': '已撤回',
    'revoked.transferred': '已转移',
    'revoked.abandoned': '客户已挂断',
    'customer.card': '客户信息',
    'customer.id': '客户编号',
    'customer.name': '姓名',
    'customer.tier': '客户等级',
    'customer.risk': '风险等级',
    'customer.rm': '客户经理',
    'customer.history': '近期服务记录',
    'customer.noHistory': '暂无记录。',
    'customer.anonymous': '匿名客户',
    'tier.standard': '普通',
    'tier.vip': '贵宾',
    'tier.hnw': '高净值',
    'contact.details': '服务详情',
    'contact.channel': '渠道',
    'contact.ticket': '票号 / 外部编号',
    'contact.assignedAt': '接入时间',
    'contact.attributes': '附加信息',
    'contact.removed': '客户 {id} 已移出（{reason}）。',
    'contact.completed': '服务已完成，进入话后处理。',
    'channel.voice': '电话',
    'channel.chat': '在线',
    'channel.branch': '网点',
    'channel.email': '邮件',
    'channel.callback': '回呼',
    'wrap.title': '服务小结',
    'wrap.disposition': '处理结果',
    'wrap.stage': '服务阶段',
    'wrap.notes': '备注',
    'wrap.submit': '完成服务',
    'disp.resolved': '已解决',
    'disp.follow-up': '需跟进',
    'disp.escalated': '已升级',
    'disp.complaint-registered': '投诉已登记',
    'disp.info-only': '仅咨询',
    'stage.intake': '受理',
    'stage.consultation': '咨询',
    'stage.trade': '交易',
    'stage.settlement': '结算',
    'stage.feedback': '反馈',
    'sup.wallboard': '队列实时看板',
    'sup.threshold': '临近超时阈值（秒）',
    'sup.updated': '更新于 {time}',
    'sup.waiting': '排队',
    'sup.ringing': '振铃',
    'sup.longest': '最长等待',
    'sup.serviceLevel': '服务水平',
    'sup.asa': '平均应答速度',
    'sup.abandonRate': '放弃率',
    'sup.answered': '已接听',
    'sup.completed': '已完成',
    'sup.nearBreach': '临近超时',
    'sup.agentsByState': '坐席状态',
    'sup.breachWarning': '⚠ 临近超时',
    'sup.agents': '坐席列表',
    'sup.col.agent': '坐席',
    'sup.col.state': '状态',
    'sup.col.contacts': '当前服务',
    'sup.col.timeInState': '状态持续',
    'sup.col.action': '强制设置状态',
    'sup.apply': '设置',
    'sup.forced': '已将 {agent} 设为 {state}。',
    'sup.waitingContacts': '排队中的客户',
    'sup.waitingFromEvents': '服务器暂不提供排队列表，此处显示本页打开后进入排队的客户。',
    'sup.noWaiting': '目前没有排队的客户。',
    'sup.col.contact': '客户 / 编号',
    'sup.col.queue': '队列',
    'sup.col.waited': '已等待',
    'sup.col.moveTo': '转移至',
    'sup.toQueue': '目标队列',
    'sup.toAgent': '指定坐席',
    'sup.any': '（不指定）',
    'sup.move': '转移',
    'sup.moved': '客户 {id} 已转移。',
    'sup.status.offered': '振铃中',
    'sup.status.queued': '排队中',
    'board.title': '现在叫号',
    'board.counter': '窗口',
    'board.ticket': '票号',
    'board.recent': '最近叫号',
    'board.none': '等待叫号…',
    'board.calling': '请 {ticket} 号到 {counter} 窗口',
    'board.signInHint': '请使用班组长或管理员账号登录，或在网址后加 #token=<令牌>。',
    'error.generic': '操作失败：{detail}',
    'error.network': '无法连接服务器。',
    'unit.s': '{n} 秒',
    'unit.ms': '{m} 分 {s} 秒',
    'unit.hms': '{h} 小时 {m} 分',
    'misc.none': '—',
  },
  en: {
    'app.title': 'Contact centre console',
    'app.boardTitle': 'Branch board',
    'a11y.skip': 'Skip to main content',
    'lang.switchTo': '简体中文',
    'lang.switchLabel': 'Switch to Simplified Chinese',
    'auth.title': 'Sign in',
    'auth.username': 'User name',
    'auth.password': 'Password',
    'auth.submit': 'Sign in',
    'auth.signOut': 'Sign out',
    'auth.failed': 'Unknown user name or wrong password.',
    'auth.expired': 'Your session has expired. Please sign in again.',
    'auth.noRole': 'This account may not use this page.',
    'auth.signedInAs': '{user} ({role})',
    'conn.online': 'Connected',
    'conn.offline': 'Offline',
    'conn.connecting': 'Connecting…',
    'conn.offlineBanner': 'The connection to the server is lost. Reconnecting automatically; everything resynchronises when it is back.',
    'role.agent': 'Agent',
    'role.supervisor': 'Supervisor',
    'role.admin': 'Administrator',
    'state.offline': 'Offline',
    'state.available': 'Available',
    'state.busy': 'Busy',
    'state.not_ready': 'Not ready',
    'state.wrap_up': 'Wrap-up',
    'agent.myState': 'My state',
    'agent.current': 'Current state',
    'agent.since': 'for {time}',
    'agent.wrapUntil': 'wrap-up until {time}',
    'agent.capacity': 'Capacity',
    'agent.goAvailable': 'Available',
    'agent.finishWrap': 'Finish wrap-up and become available',
    'agent.goNotReady': 'Not ready',
    'agent.goOffline': 'Offline',
    'agent.reason': 'Not-ready reason',
    'reason.break': 'Break',
    'reason.lunch': 'Lunch',
    'reason.training': 'Training',
    'reason.meeting': 'Meeting',
    'reason.coaching': 'Coaching',
    'reason.admin-work': 'Admin work',
    'reason.missed-offer': 'Missed offer',
    'reason.supervisor': 'Set by supervisor',
    'agent.offers': 'Incoming',
    'agent.noOffers': 'Nothing offered right now.',
    'agent.work': 'My contacts',
    'agent.noContacts': 'You are not serving anyone right now.',
    'offer.title': 'New {channel} contact',
    'offer.customer': 'Customer',
    'offer.tier': 'Tier',
    'offer.risk': 'Risk level',
    'offer.queue': 'Queue',
    'offer.waited': 'Waited',
    'offer.expiresIn': '{s} s left',
    'offer.accept': 'Accept',
    'offer.reject': 'Reject',
    'offer.gone': 'That offer is no longer available.',
    'offer.revoked': 'Offer withdrawn ({reason}).',
    'revoked.rejected': 'rejected',
    'revoked.timed_out': 'timed out',
    'revoked.withdrawn': 'withdrawn',
    'revoked.transferred': 'transferred',
    'revoked.abandoned': 'customer hung up',
    'customer.card': 'Customer',
    'customer.id': 'Customer id',
    'customer.name': 'Name',
    'customer.tier': 'Tier',
    'customer.risk': 'Risk level',
    'customer.rm': 'Relationship manager',
    'customer.history': 'Recent contacts',
    'customer.noHistory': 'No earlier contacts.',
    'customer.anonymous': 'Anonymous customer',
    'tier.standard': 'Standard',
    'tier.vip': 'VIP',
    'tier.hnw': 'High net worth',
    'contact.details': 'Contact',
    'contact.channel': 'Channel',
    'contact.ticket': 'Ticket / external id',
    'contact.assignedAt': 'Assigned at',
    'contact.attributes': 'Attributes',
    'contact.removed': 'Contact {id} left your desk ({reason}).',
    'contact.completed': 'Contact completed; you are in wrap-up.',
    'channel.voice': 'voice',
    'channel.chat': 'chat',
    'channel.branch': 'branch',
    'channel.email': 'email',
    'channel.callback': 'callback',
    'wrap.title': 'Wrap-up',
    'wrap.disposition': 'Disposition',
    'wrap.stage': 'Service stage reached',
    'wrap.notes': 'Notes',
    'wrap.submit': 'Complete contact',
    'disp.resolved': 'Resolved',
    'disp.follow-up': 'Follow-up needed',
    'disp.escalated': 'Escalated',
    'disp.complaint-registered': 'Complaint registered',
    'disp.info-only': 'Information only',
    'stage.intake': 'Intake',
    'stage.consultation': 'Consultation',
    'stage.trade': 'Trade',
    'stage.settlement': 'Settlement',
    'stage.feedback': 'Feedback',
    'sup.wallboard': 'Queue wallboard',
    'sup.threshold': 'Near-breach threshold (s)',
    'sup.updated': 'Updated {time}',
    'sup.waiting': 'Waiting',
    'sup.ringing': 'Ringing',
    'sup.longest': 'Longest wait',
    'sup.serviceLevel': 'Service level',
    'sup.asa': 'Avg. speed of answer',
    'sup.abandonRate': 'Abandon rate',
    'sup.answered': 'Answered',
    'sup.completed': 'Completed',
    'sup.nearBreach': 'Near breach',
    'sup.agentsByState': 'Agents by state',
    'sup.breachWarning': '⚠ Near breach',
    'sup.agents': 'Agents',
    'sup.col.agent': 'Agent',
    'sup.col.state': 'State',
    'sup.col.contacts': 'Current contacts',
    'sup.col.timeInState': 'Time in state',
    'sup.col.action': 'Force state',
    'sup.apply': 'Set',
    'sup.forced': '{agent} set to {state}.',
    'sup.waitingContacts': 'Waiting contacts',
    'sup.waitingFromEvents': 'This server does not list waiting contacts yet; shown are those that started waiting since this page opened.',
    'sup.noWaiting': 'Nobody is waiting.',
    'sup.col.contact': 'Customer / id',
    'sup.col.queue': 'Queue',
    'sup.col.waited': 'Waited',
    'sup.col.moveTo': 'Move to',
    'sup.toQueue': 'Target queue',
    'sup.toAgent': 'Named agent',
    'sup.any': '(any)',
    'sup.move': 'Move',
    'sup.moved': 'Contact {id} moved.',
    'sup.status.offered': 'ringing',
    'sup.status.queued': 'queued',
    'board.title': 'Now serving',
    'board.counter': 'Counter',
    'board.ticket': 'Ticket',
    'board.recent': 'Recently called',
    'board.none': 'Waiting for the first call…',
    'board.calling': 'Ticket {ticket}, please go to counter {counter}',
    'board.signInHint': 'Sign in with a supervisor or administrator account, or add #token=<token> to the address.',
    'error.generic': 'That did not work: {detail}',
    'error.network': 'The server cannot be reached.',
    'unit.s': '{n} s',
    'unit.ms': '{m} min {s} s',
    'unit.hms': '{h} h {m} min',
    'misc.none': '—',
  },
};

export const LANGUAGES = Object.keys(MESSAGES);

function initial() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && MESSAGES[saved]) return saved;
  const nav = (navigator.language || '').toLowerCase();
  return nav.startsWith('en') ? 'en' : 'zh-CN';
}

let current = initial();

export function lang() {
  return current;
}

/** The label for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A label when the key is known, else the raw value (server codes without a translation). */
export function tOr(key, fallback) {
  return key in MESSAGES[current] ? t(key) : fallback;
}

export function setLang(next) {
  if (!MESSAGES[next] || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  apply(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: next }));
}

export function toggleLang() {
  setLang(current === 'en' ? 'zh-CN' : 'en');
}

/** Fills every data-i18n text and data-i18n-attr attribute under root. */
export function apply(root) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  });
}

/** Wires a button to switch language; its own label names the other language. */
export function bindSwitch(button) {
  const label = () => {
    button.textContent = t('lang.switchTo');
    button.setAttribute('aria-label', t('lang.switchLabel'));
    button.lang = current === 'en' ? 'zh-CN' : 'en';
  };
  label();
  button.addEventListener('click', toggleLang);
  document.addEventListener('langchange', label);
}

/** A duration in seconds as words in the current language. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('unit.s', { n: s });
  if (s < 3600) return t('unit.ms', { m: Math.floor(s / 60), s: s % 60 });
  return t('unit.hms', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function clockTime(ms) {
  return new Date(ms).toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
