<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>ClusterDialog</name>
    <message>
        <source>Choose the cluster</source>
        <translation>Выбор кластера</translation>
    </message>
    <message>
        <source>&amp;Our lab: 3 etcd, 3 Patroni and HAProxy that this program starts and stops</source>
        <translation>&amp;Наш стенд: 3 etcd, 3 Patroni и HAProxy, которые эта программа запускает и останавливает</translation>
    </message>
    <message>
        <source>&amp;Project name:</source>
        <translation>&amp;Имя проекта:</translation>
    </message>
    <message>
        <source>Containers are named PROJECT-patroni1 … PROJECT-haproxy</source>
        <translation>Контейнеры называются PROJECT-patroni1 … PROJECT-haproxy</translation>
    </message>
    <message>
        <source>Port &amp;base:</source>
        <translation>&amp;База портов:</translation>
    </message>
    <message>
        <source>Writes on 127.0.0.1:B, reads on B+1, HAProxy statistics on B+2, Patroni REST on B+10…B+12, etcd on B+20…B+22</source>
        <translation>Запись — на 127.0.0.1:B, чтение — на B+1, статистика HAProxy — на B+2, REST API Patroni — на B+10…B+12, etcd — на B+20…B+22</translation>
    </message>
    <message>
        <source>An &amp;existing cluster, found by compose project or container-name prefix</source>
        <translation>&amp;Существующий кластер, найденный по проекту compose или префиксу имён контейнеров</translation>
    </message>
    <message>
        <source>&amp;Name or prefix:</source>
        <translation>Имя или &amp;префикс:</translation>
    </message>
    <message>
        <source>e.g. demo (the Patroni repository&apos;s docker compose demo)</source>
        <translation>например, demo (демо-кластер docker compose из репозитория Patroni)</translation>
    </message>
    <message>
        <source>Type the compose project or the container-name prefix of the cluster, e.g. demo.</source>
        <translation>Введите проект compose или префикс имён контейнеров кластера, например demo.</translation>
    </message>
    <message>
        <source>“%1” cannot be a container name: use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; only.</source>
        <translation>«%1» не может быть именем контейнера: допустимы только латинские буквы, цифры, «_», «.» и «-».</translation>
    </message>
    <message>
        <source>Observe through a &amp;relay container when the REST APIs, etcd and HAProxy&apos;s statistics are not published</source>
        <translation>Наблюдать через контейнер-&amp;ретранслятор, когда REST API, etcd и статистика HAProxy не опубликованы</translation>
    </message>
    <message>
        <source>Clusters like the Patroni demo publish only HAProxy&apos;s ports. With this on, the window adds one small container to the cluster&apos;s network while it watches the cluster: CLUSTER-patroni-lab-relay-…, started from the cluster&apos;s own Patroni image. It forwards 127.0.0.1 ports to each member&apos;s REST API, to etcd and to HAProxy&apos;s statistics, so a poll takes milliseconds. It is removed when the window stops watching (while it runs, docker compose down cannot remove the cluster&apos;s network). Off: every poll runs one docker exec … curl per source, which takes seconds.</source>
        <translation>Кластеры вроде демо Patroni публикуют только порты HAProxy. Если флажок включён, окно, пока наблюдает за кластером, добавляет в его сеть один небольшой контейнер: КЛАСТЕР-patroni-lab-relay-…, запущенный из собственного образа Patroni этого кластера. Он пробрасывает порты 127.0.0.1 к REST API каждого участника, к etcd и к статистике HAProxy, поэтому один опрос занимает миллисекунды. Контейнер удаляется, когда окно перестаёт наблюдать (пока он работает, docker compose down не может удалить сеть кластера). Если флажок выключен, каждый опрос выполняет по одной команде docker exec … curl на каждый источник, а это секунды.</translation>
    </message>
</context>
<context>
    <name>ClusterDiscovery</name>
    <message>
        <source>no containers of cluster &apos;%1&apos; found (no compose project &apos;%1&apos;, no container named &apos;%1-*&apos;): start the lab with &apos;patroni-lab-cli lab up --project %1&apos;, or name the right project or prefix</source>
        <translation>не найдено ни одного контейнера кластера «%1» (нет ни проекта compose «%1», ни контейнеров с именами «%1-*»): запустите стенд командой «patroni-lab-cli lab up --project %1» или укажите правильный проект или префикс</translation>
    </message>
</context>
<context>
    <name>ClusterObserver</name>
    <message>
        <source>none of the cluster&apos;s containers exists any more, so the relay is removed (the cluster&apos;s network can be removed now)</source>
        <translation>ни одного контейнера кластера больше нет, поэтому ретранслятор удалён (теперь сеть кластера можно удалить)</translation>
    </message>
    <message>
        <source>cluster &apos;%1&apos; has no Patroni member %2</source>
        <translation>в кластере «%1» нет узла Patroni %2</translation>
    </message>
</context>
<context>
    <name>ClusterSettingsChange</name>
    <message>
        <source>Name at least one setting as KEY=VALUE, e.g. ttl=20 or haproxy.inter=1s.</source>
        <translation>Укажите хотя бы одну настройку как КЛЮЧ=ЗНАЧЕНИЕ, например ttl=20 или haproxy.inter=1s.</translation>
    </message>
    <message>
        <source>This cluster has no HAProxy container, so haproxy.* settings cannot be changed.</source>
        <translation>В этом кластере нет контейнера HAProxy, поэтому настройки haproxy.* изменить нельзя.</translation>
    </message>
    <message>
        <source>No cluster is observed.</source>
        <translation>Кластер не наблюдается.</translation>
    </message>
</context>
<context>
    <name>ClusterSettingsModel</name>
    <message>
        <source>(not read)</source>
        <translation>(не прочитано)</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(по умолчанию: %1)</translation>
    </message>
    <message>
        <source>Set in Patroni&apos;s dynamic configuration; the lab does not explain this key.</source>
        <translation>Задан в динамической конфигурации Patroni; лаборатория этот ключ не поясняет.</translation>
    </message>
    <message>
        <source> (not read)</source>
        <translation> (не прочитано)</translation>
    </message>
    <message>
        <source> (HAProxy&apos;s default)</source>
        <translation> (значение HAProxy по умолчанию)</translation>
    </message>
    <message>
        <source>How often HAProxy asks each node&apos;s Patroni REST API whether it is the primary.</source>
        <translation>Как часто HAProxy спрашивает REST API Patroni каждого узла, не он ли primary.</translation>
    </message>
    <message>
        <source>Failed checks in a row before a node is marked DOWN and no longer gets connections.</source>
        <translation>Неудачных проверок подряд, после которых узел помечается DOWN и больше не получает подключений.</translation>
    </message>
    <message>
        <source>Good checks in a row before a node (the new leader) is marked UP again.</source>
        <translation>Удачных проверок подряд, после которых узел (новый лидер) снова помечается UP.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>on-marked-down shutdown-sessions: close a DOWN node&apos;s client connections at once.</source>
        <translation>on-marked-down shutdown-sessions: сразу закрывать клиентские подключения узла, помеченного DOWN.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>The traffic generator&apos;s client: a connect or an operation without an answer by then counts as failed. Read-only here: the Traffic panel sets it.</source>
        <translation>Клиент генератора трафика: подключение или операция без ответа к этому сроку считаются неудачными. Здесь только для чтения: задаётся в панели «Трафик».</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>libpq&apos;s own limit for a connection attempt (the deadline above is shorter).</source>
        <translation>Собственный предел libpq на попытку подключения (таймаут выше короче).</translation>
    </message>
    <message>
        <source>The workload&apos;s pause after a failed connect, before the next attempt.</source>
        <translation>Пауза нагрузки после неудачного подключения перед следующей попыткой.</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message>
        <source>Writes and reads per second each that measure the service&apos;s outages.</source>
        <translation>Записей и чтений в секунду (каждого вида), которыми измеряются простои сервиса.</translation>
    </message>
    <message>
        <source>Patroni</source>
        <translation>Patroni</translation>
    </message>
    <message>
        <source>HAProxy</source>
        <translation>HAProxy</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Настройка</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Что делает</translation>
    </message>
</context>
<context>
    <name>ClusterSettingsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Read Patroni&apos;s dynamic configuration (GET /config) and HAProxy&apos;s configuration again.</source>
        <translation>Заново прочитать динамическую конфигурацию Patroni (GET /config) и конфигурацию HAProxy.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <source>Apply profile</source>
        <translation>Применить профиль</translation>
    </message>
    <message>
        <source>Restore demo defaults</source>
        <translation>Вернуть значения демо</translation>
    </message>
    <message>
        <source>Apply the lab&apos;s defaults: the &quot;demo&quot; profile.</source>
        <translation>Применить значения лаборатории по умолчанию: профиль «demo».</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>Изменить настройки</translation>
    </message>
    <message>
        <source>ttl=20 loop_wait=2 haproxy.inter=1s</source>
        <translation>ttl=20 loop_wait=2 haproxy.inter=1s</translation>
    </message>
    <message>
        <source>KEY=VALUE words, as “patroni-lab-cli settings set” takes them: Patroni&apos;s keys (e.g. ttl, loop_wait, retry_timeout, synchronous_mode; KEY=null removes one) and haproxy.inter, haproxy.fall, haproxy.rise, haproxy.shutdown_sessions.</source>
        <translation>Слова КЛЮЧ=ЗНАЧЕНИЕ, как их принимает «patroni-lab-cli settings set»: ключи Patroni (например ttl, loop_wait, retry_timeout, synchronous_mode; КЛЮЧ=null удаляет ключ) и haproxy.inter, haproxy.fall, haproxy.rise, haproxy.shutdown_sessions.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>REST user / password:</source>
        <translation>Пользователь / пароль REST:</translation>
    </message>
    <message>
        <source>PATCH /config needs Patroni&apos;s REST API credentials: the lab&apos;s are admin / admin.</source>
        <translation>Для PATCH /config нужны учётные данные REST API Patroni: у лаборатории это admin / admin.</translation>
    </message>
    <message>
        <source>Connect to a cluster first: the settings are read from and changed on the cluster the window observes (Lab ▸ Choose cluster…).</source>
        <translation>Сначала подключитесь к кластеру: настройки читаются и меняются на кластере, за которым наблюдает окно (Лаборатория ▸ Выбрать кластер…).</translation>
    </message>
    <message>
        <source>Waiting for the first complete look at cluster %1…</source>
        <translation>Ждём первого полного снимка кластера %1…</translation>
    </message>
    <message>
        <source>Sets: %1</source>
        <translation>Задаёт: %1</translation>
    </message>
    <message>
        <source>No Patroni member answered GET /config: is the cluster up?</source>
        <translation>Ни один узел Patroni не ответил на GET /config: кластер запущен?</translation>
    </message>
    <message>
        <source>Against Patroni&apos;s rules: %1</source>
        <translation>Нарушает правила Patroni: %1</translation>
    </message>
    <message>
        <source>(no HAProxy container)</source>
        <translation>(нет контейнера HAProxy)</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>профиль %1</translation>
    </message>
    <message>
        <source>the lab&apos;s defaults (profile %1)</source>
        <translation>значения лаборатории по умолчанию (профиль %1)</translation>
    </message>
    <message>
        <source>Type at least one setting as KEY=VALUE, e.g. ttl=20 or haproxy.inter=1s.</source>
        <translation>Введите хотя бы одну настройку как КЛЮЧ=ЗНАЧЕНИЕ, например ttl=20 или haproxy.inter=1s.</translation>
    </message>
    <message>
        <source>%1 is the traffic generator&apos;s, not the cluster&apos;s: set the deadline in the Traffic panel.</source>
        <translation>%1 — настройка генератора трафика, а не кластера: таймаут задаётся в панели «Трафик».</translation>
    </message>
    <message>
        <source>This cluster has no HAProxy container, so haproxy.* settings cannot be changed.</source>
        <translation>В этом кластере нет контейнера HAProxy, поэтому настройки haproxy.* изменить нельзя.</translation>
    </message>
    <message>
        <source>Patroni would refuse it: %1</source>
        <translation>Patroni это отверг бы: %1</translation>
    </message>
    <message>
        <source>Applying %1: waiting for Patroni to accept the change and for every member to apply it (up to a minute)…</source>
        <translation>Применяем %1: ждём, пока Patroni примет изменение и каждый узел его применит (до минуты)…</translation>
    </message>
    <message>
        <source>Applying %1: waiting for HAProxy to check the new configuration and reload…</source>
        <translation>Применяем %1: ждём, пока HAProxy проверит новую конфигурацию и перезагрузится…</translation>
    </message>
    <message>
        <source>Applying %1: waiting for Patroni to accept the change and for every member to apply it (up to a minute), then for HAProxy to reload…</source>
        <translation>Применяем %1: ждём, пока Patroni примет изменение и каждый узел его применит (до минуты), затем перезагрузки HAProxy…</translation>
    </message>
    <message>
        <source>Cluster settings: applying %1 to %2</source>
        <translation>Настройки кластера: применяем %1 к %2</translation>
    </message>
    <message>
        <source>Applied %1.</source>
        <translation>Применено: %1.</translation>
    </message>
    <message>
        <source>Patroni had these values already: nothing to change.</source>
        <translation>У Patroni уже были эти значения: менять нечего.</translation>
    </message>
    <message>
        <source>%1 after %2 s</source>
        <translation>%1 через %2 с</translation>
    </message>
    <message>
        <source>Patroni: every member applied it within %1 s (%2).</source>
        <translation>Patroni: все узлы применили изменение за %1 с (%2).</translation>
    </message>
    <message>
        <source>PostgreSQL needs a restart to use it on %1 (the node&apos;s Restart, or patronictl restart).</source>
        <translation>PostgreSQL нужен перезапуск, чтобы использовать это на %1 (Перезапуск узла или patronictl restart).</translation>
    </message>
    <message>
        <source>inter %1, fall %2, rise %3</source>
        <translation>inter %1, fall %2, rise %3</translation>
    </message>
    <message>
        <source>HAProxy&apos;s checks were %1 already: nothing to change.</source>
        <translation>Проверки HAProxy уже были %1: менять нечего.</translation>
    </message>
    <message>
        <source>HAProxy reloaded in %1 s without closing connections; its checks are now %2.</source>
        <translation>HAProxy перезагружен за %1 с без закрытия подключений; его проверки теперь %2.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Предупреждение: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Не удалось: %1</translation>
    </message>
    <message>
        <source>Cluster settings: %1</source>
        <translation>Настройки кластера: %1</translation>
    </message>
    <message>
        <source>Cluster settings: PATCH /config %1</source>
        <translation>Настройки кластера: PATCH /config %1</translation>
    </message>
    <message>
        <source>Cluster settings: HAProxy&apos;s checks were %1, now %2</source>
        <translation>Настройки кластера: проверки HAProxy были %1, теперь %2</translation>
    </message>
    <message>
        <source>Cluster settings applied: %1</source>
        <translation>Настройки кластера применены: %1</translation>
    </message>
    <message>
        <source>Cluster settings not applied: %1</source>
        <translation>Настройки кластера не применены: %1</translation>
    </message>
</context>
<context>
    <name>ClusterSettingsProfile</name>
    <message>
        <source>The lab&apos;s defaults, as Patroni&apos;s Docker demo: ttl 30 s, loop_wait 10 s, retry_timeout 10 s, asynchronous replication; HAProxy checks every 3 s, a node is DOWN after 3 failed checks and UP after 2 good ones.</source>
        <translation>Значения лаборатории по умолчанию, как в Docker-демо Patroni: ttl 30 с, loop_wait 10 с, retry_timeout 10 с, асинхронная репликация; HAProxy проверяет узлы каждые 3 с, узел помечается DOWN после 3 неудачных проверок и UP после 2 удачных.</translation>
    </message>
    <message>
        <source>The fastest timing Patroni allows: the leader key lives 20 s (ttl, its minimum) and is renewed every second (loop_wait 1 s); retry_timeout 5 s leaves room for a slow etcd answer on a busy machine (ttl ≥ loop_wait + 2 × retry_timeout). HAProxy checks every 500 ms and needs 2 failed checks for DOWN, 1 good one for UP. A killed leader costs about ttl instead of 30 s.</source>
        <translation>Самые быстрые тайминги, которые допускает Patroni: ключ лидера живёт 20 с (ttl, его минимум) и продлевается каждую секунду (loop_wait 1 с); retry_timeout 5 с оставляет запас на медленный ответ etcd на загруженной машине (ttl ≥ loop_wait + 2 × retry_timeout). HAProxy проверяет узлы каждые 500 мс; для DOWN нужны 2 неудачные проверки, для UP — одна удачная. Убитый лидер стоит примерно ttl вместо 30 с.</translation>
    </message>
    <message>
        <source>The demo&apos;s timing with synchronous replication (synchronous_mode): the leader confirms a commit only when a synchronous standby has it, and only that standby may be promoted. With no standby left, Patroni turns synchronous replication off and writes go on.</source>
        <translation>Тайминги демо с синхронной репликацией (synchronous_mode): лидер подтверждает коммит, только когда он есть на синхронной реплике, и повышена может быть только она. Если реплик не осталось, Patroni отключает синхронную репликацию и запись продолжается.</translation>
    </message>
    <message>
        <source>Synchronous replication that never falls back (synchronous_mode_strict): with no synchronous standby, commits wait instead of being confirmed, so no confirmed write can be lost, at the price of writes that hang.</source>
        <translation>Синхронная репликация без отката к асинхронной (synchronous_mode_strict): без синхронной реплики коммиты ждут, а не подтверждаются, поэтому ни одна подтверждённая запись не может потеряться — ценой зависающих записей.</translation>
    </message>
    <message>
        <source>No settings profile &apos;%1&apos;: the built-in ones are %2, or give a JSON file.</source>
        <translation>Профиля настроек «%1» нет: встроенные — %2, либо укажите JSON-файл.</translation>
    </message>
    <message>
        <source>Cannot read the settings profile %1: %2.</source>
        <translation>Не удалось прочитать профиль настроек %1: %2.</translation>
    </message>
    <message>
        <source>The settings profile %1 is not a JSON object (%2).</source>
        <translation>Профиль настроек %1 — не JSON-объект (%2).</translation>
    </message>
    <message>
        <source>The settings profile %1 has an unknown key &apos;%2&apos; (known: %3).</source>
        <translation>В профиле настроек %1 неизвестный ключ «%2» (известные: %3).</translation>
    </message>
    <message>
        <source>The settings profile %1: %2</source>
        <translation>Профиль настроек %1: %2</translation>
    </message>
    <message>
        <source>The settings profile %1 sets nothing: give &quot;patroni&quot; and/or &quot;haproxy&quot; keys.</source>
        <translation>Профиль настроек %1 ничего не задаёт: укажите ключи &quot;patroni&quot; и/или &quot;haproxy&quot;.</translation>
    </message>
</context>
<context>
    <name>ClusterSettingsTarget</name>
    <message>
        <source>&apos;%1&apos; is not KEY=VALUE (e.g. haproxy.inter=500ms).</source>
        <translation>«%1» — не КЛЮЧ=ЗНАЧЕНИЕ (например, haproxy.inter=500ms).</translation>
    </message>
    <message>
        <source>HAProxy has no lab setting &apos;%1&apos;: the lab changes haproxy.%2.</source>
        <translation>У HAProxy нет настройки лаборатории «%1»: лаборатория меняет haproxy.%2.</translation>
    </message>
</context>
<context>
    <name>CompareFigure</name>
    <message>
        <source>Write outages compared</source>
        <translation>Простои записи в сравнении</translation>
    </message>
    <message>
        <source>median %1 s</source>
        <translation>медиана %1 с</translation>
    </message>
    <message>
        <source>Longest write outage, s</source>
        <translation>Самый долгий простой записи, с</translation>
    </message>
    <message>
        <source>Seconds since the run&apos;s first fault (black marks: fault actions; bars: write outages)</source>
        <translation>Секунды от первого сбоя прогона (чёрные отметки: действия-сбои; полосы: простои записи)</translation>
    </message>
    <message>
        <source>Cannot draw %1: no run to compare</source>
        <translation>Не удалось нарисовать %1: нет прогонов для сравнения</translation>
    </message>
    <message>
        <source>Cannot export to %1: unknown format &quot;%2&quot; (use .png, .pdf or .svg)</source>
        <translation>Не удалось экспортировать в %1: неизвестный формат «%2» (используйте .png, .pdf или .svg)</translation>
    </message>
    <message>
        <source>Cannot write %1: check that its folder exists and is writable</source>
        <translation>Не удалось записать %1: проверьте, что папка существует и доступна для записи</translation>
    </message>
    <message>
        <source>Cannot create %1: check the path and its permissions</source>
        <translation>Не удалось создать %1: проверьте путь и права доступа</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message>
        <source>Leader</source>
        <translation>Лидер</translation>
    </message>
    <message>
        <source>Standby Leader</source>
        <translation>Резервный лидер</translation>
    </message>
    <message>
        <source>Sync Standby</source>
        <translation>Синхронная реплика</translation>
    </message>
    <message>
        <source>Quorum Standby</source>
        <translation>Кворумная реплика</translation>
    </message>
    <message>
        <source>Replica</source>
        <translation>Реплика</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>leader changed: %1 → %2</source>
        <translation>смена лидера: %1 → %2</translation>
    </message>
    <message>
        <source>timeline changed: %1 → %2</source>
        <translation>смена линии времени (timeline): %1 → %2</translation>
    </message>
    <message>
        <source>%1 role: %2 → %3</source>
        <translation>%1, роль: %2 → %3</translation>
    </message>
    <message>
        <source>%1 state: %2 → %3</source>
        <translation>%1, состояние: %2 → %3</translation>
    </message>
    <message>
        <source>%1 joined the cluster as %2</source>
        <translation>%1 присоединился к кластеру, роль: %2</translation>
    </message>
    <message>
        <source>%1 left the cluster (its member key expired)</source>
        <translation>%1 покинул кластер (истёк срок действия его ключа в etcd)</translation>
    </message>
    <message>
        <source>no Patroni REST API answers</source>
        <translation>ни один REST API Patroni не отвечает</translation>
    </message>
    <message>
        <source>Patroni REST API answers again</source>
        <translation>REST API Patroni снова отвечает</translation>
    </message>
    <message>
        <source>etcd member %1 down: %2</source>
        <translation>узел etcd %1 недоступен: %2</translation>
    </message>
    <message>
        <source>etcd member %1 healthy</source>
        <translation>узел etcd %1 исправен</translation>
    </message>
    <message>
        <source>etcd quorum lost (%1 healthy)</source>
        <translation>кворум etcd потерян (исправно: %1)</translation>
    </message>
    <message>
        <source>etcd quorum restored (%1 healthy)</source>
        <translation>кворум etcd восстановлен (исправно: %1)</translation>
    </message>
    <message>
        <source>HAProxy %1 DOWN (%2)</source>
        <translation>HAProxy: %1 DOWN (%2)</translation>
    </message>
    <message>
        <source>HAProxy %1 UP</source>
        <translation>HAProxy: %1 UP</translation>
    </message>
    <message>
        <source>HAProxy stats do not answer</source>
        <translation>статистика HAProxy не отвечает</translation>
    </message>
    <message>
        <source>HAProxy stats answer again</source>
        <translation>статистика HAProxy снова отвечает</translation>
    </message>
    <message>
        <source>container %1: %2 → %3</source>
        <translation>контейнер %1: %2 → %3</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлен</translation>
    </message>
    <message>
        <source>Stopped (was %1)</source>
        <translation>Остановлен (был: %1)</translation>
    </message>
</context>
<context>
    <name>DockerCli</name>
    <message>
        <source>&apos;%1&apos; could not be started (%2): install Docker (Debian/Ubuntu: sudo apt-get install docker.io; macOS/Windows: Docker Desktop) or set PATRONI_LAB_DOCKER to the docker executable</source>
        <translation>не удалось запустить «%1» (%2): установите Docker (Debian/Ubuntu: sudo apt-get install docker.io; macOS/Windows: Docker Desktop) или укажите в PATRONI_LAB_DOCKER путь к исполняемому файлу docker</translation>
    </message>
    <message>
        <source>&apos;%1&apos; did not finish within %2 s and was stopped: is the Docker daemon overloaded or hung? Check &apos;docker info&apos;</source>
        <translation>команда «%1» не завершилась за %2 с и была остановлена: не перегружен ли демон Docker, не завис ли он? Проверьте «docker info»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was cancelled</source>
        <translation>команда «%1» отменена</translation>
    </message>
    <message>
        <source>&apos;%1&apos; crashed: %2</source>
        <translation>команда «%1» аварийно завершилась: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was never started</source>
        <translation>команда «%1» так и не была запущена</translation>
    </message>
    <message>
        <source>permission denied on the Docker socket: add yourself to the docker group (sudo usermod -aG docker $USER, then log in again) or run as root</source>
        <translation>нет доступа к сокету Docker: добавьте себя в группу docker (sudo usermod -aG docker $USER, затем войдите в систему заново) или запускайте от root</translation>
    </message>
    <message>
        <source>the Docker daemon is not running or not reachable (%1): start it (sudo systemctl start docker, or open Docker Desktop); on a machine without one run packaging/lab/prepare-docker-host.sh as root</source>
        <translation>демон Docker не запущен или недоступен (%1): запустите его (sudo systemctl start docker или откройте Docker Desktop); если Docker на машине нет, выполните packaging/lab/prepare-docker-host.sh от root</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed with exit code %2: %3</source>
        <translation>команда «%1» завершилась с кодом %2: %3</translation>
    </message>
    <message>
        <source>docker refused to change %1&apos;s CPU or memory limit (%2): the host&apos;s cgroup setup may not allow it (see the warnings of &apos;docker info&apos;; cgroup v1 without swap accounting, rootless Docker and some Docker Desktop setups limit what can be changed)</source>
        <translation>docker отказался изменить ограничение CPU или памяти %1 (%2): настройка cgroup на хосте может этого не позволять (см. предупреждения «docker info»; cgroup v1 без учёта swap, rootless Docker и некоторые варианты Docker Desktop ограничивают то, что можно изменить)</translation>
    </message>
    <message>
        <source>the fault helper image %1 is not on this machine: build it with &apos;patroni-lab-cli lab image&apos; (a minute or two the first time; &apos;lab up&apos; builds it too), then try again</source>
        <translation>образа вспомогательного контейнера %1 нет на этой машине: соберите его командой «patroni-lab-cli lab image» (в первый раз минута-две; «lab up» тоже его собирает) и повторите</translation>
    </message>
    <message>
        <source>%1 is not running: start it (or Heal all) before &apos;%2&apos;, which acts inside the running container</source>
        <translation>%1 не работает: запустите его (или «Восстановить всё») перед «%2» — это действие выполняется внутри работающего контейнера</translation>
    </message>
    <message>
        <source>&apos;%1&apos; on %2 was not permitted (%3): this Docker does not give the helper container NET_ADMIN in %2&apos;s network (rootless Docker or a security policy); nothing was changed</source>
        <translation>«%1» на %2 не разрешено (%3): этот Docker не даёт вспомогательному контейнеру NET_ADMIN в сети %2 (rootless Docker или политика безопасности); ничего не изменено</translation>
    </message>
    <message>
        <source>&apos;%1&apos; on %2 refused: %3</source>
        <translation>«%1» на %2 отклонено: %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; on %2 failed (exit code %3): %4</source>
        <translation>«%1» на %2 завершилось ошибкой (код %3): %4</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the timeline</source>
        <translation>Экспорт временной шкалы</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <source>The suffix chooses the format: .png, .jpg, .svg or .pdf</source>
        <translation>Формат определяется расширением: .png, .jpg, .svg или .pdf</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Размер:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> пикс.</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>Ра&amp;зрешение:</translation>
    </message>
    <message>
        <source>Dots per inch: 150 suits a report page, 300 a printed one</source>
        <translation>Точек на дюйм: 150 — для страницы отчёта, 300 — для печати</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>&amp;Легенда</translation>
    </message>
    <message>
        <source>Choose a file name.</source>
        <translation>Выберите имя файла.</translation>
    </message>
    <message>
        <source>End the file name with .png, .jpg, .svg or .pdf: the suffix chooses the format.</source>
        <translation>Имя файла должно оканчиваться на .png, .jpg, .svg или .pdf: формат определяется расширением.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Папка %1 не существует.</translation>
    </message>
    <message>
        <source>The folder %1 is not writable: choose another one.</source>
        <translation>В папку %1 нельзя записывать: выберите другую.</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Изображение JPEG (*.jpg *.jpeg);;Рисунок SVG (*.svg);;Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Frame the &amp;experiment</source>
        <translation>&amp;Кадрировать эксперимент</translation>
    </message>
    <message>
        <source>From a little before the first fault to a little after the last outage; the rest of the run (the healing) is shaded and compressed. Off: the time range the window shows now.</source>
        <translation>От момента чуть раньше первого сбоя до момента чуть позже конца последнего простоя; остаток прогона (восстановление) затенён и сжат. Выключено: диапазон времени, который окно показывает сейчас.</translation>
    </message>
</context>
<context>
    <name>FaultDialog</name>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
</context>
<context>
    <name>HaproxyCheckChange</name>
    <message>
        <source>Could not read HAProxy&apos;s configuration in container %1 (%2).</source>
        <translation>Не удалось прочитать конфигурацию HAProxy в контейнере %1 (%2).</translation>
    </message>
    <message>
        <source>HAProxy in container %1 loads several configuration files (%2); the lab changes only a single file: change the check timing in them by hand.</source>
        <translation>HAProxy в контейнере %1 загружает несколько файлов конфигурации (%2); лаборатория меняет только один файл: измените параметры проверок в них вручную.</translation>
    </message>
    <message>
        <source>Could not change HAProxy&apos;s configuration in container %1: %2</source>
        <translation>Не удалось изменить конфигурацию HAProxy в контейнере %1: %2</translation>
    </message>
    <message>
        <source>HAProxy in container %1 cannot be reloaded by the lab (%2): the lab reloads HAProxy by signalling its master process, which must be the container&apos;s PID 1 started with -W (as in the lab and the official haproxy image). Nothing was changed.</source>
        <translation>Лаборатория не может перезагрузить HAProxy в контейнере %1 (%2): перезагрузка идёт сигналом мастер-процессу, который должен быть PID 1 контейнера и запущен с -W (как в лаборатории и в официальном образе haproxy). Ничего не изменено.</translation>
    </message>
    <message>
        <source>HAProxy refused the new configuration (haproxy -c: %1). Nothing was changed.</source>
        <translation>HAProxy отверг новую конфигурацию (haproxy -c: %1). Ничего не изменено.</translation>
    </message>
    <message>
        <source>Could not write %1 in container %2 (%3). Nothing was changed.</source>
        <translation>Не удалось записать %1 в контейнере %2 (%3). Ничего не изменено.</translation>
    </message>
    <message>
        <source>%1 in container %2 has the new timing, but HAProxy did not reload: %3</source>
        <translation>В %1 (контейнер %2) записаны новые параметры, но HAProxy не перезагрузился: %3</translation>
    </message>
    <message>
        <source>HAProxy reloaded, but its configuration reads back as %1 instead of %2.</source>
        <translation>HAProxy перезагружен, но его конфигурация читается как %1 вместо %2.</translation>
    </message>
    <message>
        <source>HAProxy kept no server states across the reload (%1): for up to inter (%2) it may route new connections to every server until their first checks, writes to replicas included. Give it an admin stats socket and server-state-file with load-server-state-from-file, as the lab&apos;s configuration does.</source>
        <translation>HAProxy не сохранил состояния серверов при перезагрузке (%1): до inter (%2) он может направлять новые подключения на все серверы до их первых проверок, в том числе запись на реплики. Дайте ему административный stats socket и server-state-file с load-server-state-from-file, как в конфигурации лаборатории.</translation>
    </message>
</context>
<context>
    <name>HaproxyCheckReader</name>
    <message>
        <source>could not inspect container %1: %2</source>
        <translation>не удалось получить сведения о контейнере %1 (docker inspect): %2</translation>
    </message>
    <message>
        <source>could not read the configuration from container %1: %2</source>
        <translation>не удалось прочитать конфигурацию из контейнера %1: %2</translation>
    </message>
    <message>
        <source>no HAProxy configuration with health-checked servers found in container %1 (%2)</source>
        <translation>в контейнере %1 не найдена конфигурация HAProxy с проверяемыми серверами (%2)</translation>
    </message>
    <message>
        <source>%1 in container %2</source>
        <translation>%1 в контейнере %2</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>не найден</translation>
    </message>
    <message>
        <source>a directory (configuration directories are not read)</source>
        <translation>это каталог (каталоги конфигурации не читаются)</translation>
    </message>
    <message>
        <source>could not read %1 from container %2: %3</source>
        <translation>не удалось прочитать %1 из контейнера %2: %3</translation>
    </message>
    <message>
        <source>HAProxy defaults: %1</source>
        <translation>значения HAProxy по умолчанию: %1</translation>
    </message>
</context>
<context>
    <name>HaproxyCheckSettings</name>
    <message>
        <source>the HAProxy configuration has no health-checked server (no &apos;server ... check&apos; line in a listen or backend section; sections: %1): HAProxy&apos;s inter, fall and rise only apply to servers with &apos;check&apos;, so add it to the servers of the writes listener</source>
        <translation>в конфигурации HAProxy нет ни одного проверяемого сервера (ни в одной секции listen или backend нет строки «server ... check»; секции: %1): параметры inter, fall и rise действуют в HAProxy только для серверов с «check», поэтому добавьте его к серверам секции, принимающей запись</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>inter %1 s, fall %2, rise %3</source>
        <translation>inter %1 с, fall %2, rise %3</translation>
    </message>
    <message>
        <source>listener %1</source>
        <translation>секция %1</translation>
    </message>
</context>
<context>
    <name>HaproxyCheckTiming</name>
    <message>
        <source>HAProxy&apos;s check interval (inter) must be between 100ms and 60s, got %1</source>
        <translation>Интервал проверок HAProxy (inter) должен быть от 100ms до 60s, получено %1</translation>
    </message>
    <message>
        <source>fall (failed checks before a server is marked DOWN) must be between 1 and 100, got %1</source>
        <translation>fall (неудачных проверок до пометки сервера DOWN) должно быть от 1 до 100, получено %1</translation>
    </message>
    <message>
        <source>rise (good checks before a server is marked UP) must be between 1 and 100, got %1</source>
        <translation>rise (удачных проверок до пометки сервера UP) должно быть от 1 до 100, получено %1</translation>
    </message>
    <message>
        <source>haproxy.inter takes a time such as 500ms or 2s, got &apos;%1&apos;</source>
        <translation>haproxy.inter принимает время, например 500ms или 2s, получено «%1»</translation>
    </message>
    <message>
        <source>haproxy.%1 takes a whole number of checks, got &apos;%2&apos;</source>
        <translation>haproxy.%1 принимает целое число проверок, получено «%2»</translation>
    </message>
    <message>
        <source>haproxy.shutdown_sessions takes on or off, got &apos;%1&apos;</source>
        <translation>haproxy.shutdown_sessions принимает on или off, получено «%1»</translation>
    </message>
    <message>
        <source>the HAProxy configuration has no listen or backend section with health-checked servers (&apos;server ... check&apos;), so there is no check timing to change</source>
        <translation>в конфигурации HAProxy нет секции listen или backend с проверяемыми серверами («server ... check»), менять нечего</translation>
    </message>
</context>
<context>
    <name>ImpairmentDialog</name>
    <message>
        <source>Spoils the network of %1 for every peer (tc netem on its interfaces) until you clear it. Leave a value at “not set” to leave it out.</source>
        <translation>Ухудшает сеть %1 для всех соседей (tc netem на её интерфейсах), пока вы не снимете ухудшение. Оставьте значение «не задано», чтобы его не применять.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source> kbit/s</source>
        <translation> кбит/с</translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation>&amp;Задержка:</translation>
    </message>
    <message>
        <source>&amp;Jitter (± around the delay):</source>
        <translation>&amp;Разброс (± вокруг задержки):</translation>
    </message>
    <message>
        <source>&amp;Loss:</source>
        <translation>&amp;Потери:</translation>
    </message>
    <message>
        <source>D&amp;uplicate:</source>
        <translation>&amp;Дублирование:</translation>
    </message>
    <message>
        <source>&amp;Corrupt:</source>
        <translation>&amp;Искажение:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Ограничение скорости:</translation>
    </message>
    <message>
        <source>A jitter needs a delay: set the delay as well.</source>
        <translation>Разброс возможен только с задержкой: задайте и задержку.</translation>
    </message>
    <message>
        <source>Set at least one of delay, loss, duplicate, corrupt or rate.</source>
        <translation>Задайте хотя бы одно: задержку, потери, дублирование, искажение или скорость.</translation>
    </message>
</context>
<context>
    <name>InjectedFaults</name>
    <message>
        <source>partitioned from %1</source>
        <translation>изолирован от %1</translation>
    </message>
    <message>
        <source>PostgreSQL frozen</source>
        <translation>PostgreSQL заморожен</translation>
    </message>
    <message>
        <source>Patroni killed</source>
        <translation>Patroni убит</translation>
    </message>
    <message>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <source>memory %1</source>
        <translation>память %1</translation>
    </message>
</context>
<context>
    <name>LabStatus</name>
    <message>
        <source>container %1 does not exist</source>
        <translation>контейнер %1 не существует</translation>
    </message>
    <message>
        <source>container %1 is %2 (%3)</source>
        <translation>контейнер %1 в состоянии %2 (%3)</translation>
    </message>
    <message>
        <source>no Patroni REST API answers yet</source>
        <translation>ни один REST API Patroni пока не отвечает</translation>
    </message>
    <message>
        <source>Patroni reports %1 leaders, expected 1</source>
        <translation>по данным Patroni лидеров %1, а должен быть один</translation>
    </message>
    <message>
        <source>%1 is not registered in Patroni&apos;s cluster</source>
        <translation>%1 не зарегистрирован в кластере Patroni</translation>
    </message>
    <message>
        <source>%1 is a %2 in state &apos;%3&apos;, not streaming</source>
        <translation>%1 (%2) в состоянии «%3», а не streaming</translation>
    </message>
    <message>
        <source>etcd member %1 is unhealthy: %2</source>
        <translation>узел etcd %1 неисправен: %2</translation>
    </message>
    <message>
        <source>HAProxy stats do not answer</source>
        <translation>статистика HAProxy не отвечает</translation>
    </message>
    <message>
        <source>HAProxy routes writes to [%1] but the Patroni leader is %2</source>
        <translation>HAProxy направляет запись на [%1], но лидер Patroni — %2</translation>
    </message>
    <message>
        <source>HAProxy balances reads (port %1) over [%2] but the streaming replicas are [%3]</source>
        <translation>HAProxy распределяет чтение (порт %1) по [%2], но реплики в состоянии streaming — [%3]</translation>
    </message>
    <message>
        <source>HAProxy&apos;s %1 points to %2, not to its node&apos;s address %3%4 (Heal all restores it)</source>
        <translation>сервер %1 в HAProxy указывает на %2, а не на адрес своего узла %3%4 («Восстановить всё» это исправит)</translation>
    </message>
    <message>
        <source>: %1 is there</source>
        <translation>: там находится %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Patroni HA Lab</source>
        <translation>Patroni HA Lab</translation>
    </message>
    <message>
        <source>Looking for the lab…</source>
        <translation>Поиск стенда…</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Стенд</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>С&amp;тенд</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Lab &amp;up</source>
        <translation>&amp;Запустить стенд</translation>
    </message>
    <message>
        <source>Build the node image if needed, start the lab and wait until it is healthy</source>
        <translation>Собрать образ узла (если нужно), запустить стенд и дождаться, пока он станет исправен</translation>
    </message>
    <message>
        <source>Lab &amp;down</source>
        <translation>&amp;Удалить стенд</translation>
    </message>
    <message>
        <source>Remove the lab&apos;s containers and network</source>
        <translation>Удалить контейнеры и сеть стенда</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Heal all</source>
        <translation>Вос&amp;становить всё</translation>
    </message>
    <message>
        <source>Unpause, reconnect and start every container of the cluster</source>
        <translation>Снять с паузы, вернуть в сеть и запустить все контейнеры кластера</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Patroni HA Lab — %1 (127.0.0.1:%2)</source>
        <translation>Patroni HA Lab — %1 (127.0.0.1:%2)</translation>
    </message>
    <message>
        <source>&amp;Nodes</source>
        <translation>&amp;Узлы</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed — see the log</source>
        <translation>Ошибка — подробности в журнале</translation>
    </message>
    <message>
        <source>Heal all: no cluster has been found yet (is the lab up?)</source>
        <translation>Восстановление: кластер пока не найден (стенд запущен?)</translation>
    </message>
    <message>
        <source>Heal all: %1</source>
        <translation>Восстановление: %1</translation>
    </message>
    <message>
        <source>Heal all failed — see the log</source>
        <translation>Восстановить всё не удалось — подробности в журнале</translation>
    </message>
    <message>
        <source>docker %1 %2 …</source>
        <translation>docker %1 %2 …</translation>
    </message>
    <message>
        <source>Docker is not usable: %1</source>
        <translation>Docker недоступен: %1</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <source>Containers — %1. etcd %2/3 healthy. HAProxy sends writes to %3.</source>
        <translation>Контейнеры — %1. Исправно etcd: %2 из 3. Узел записи в HAProxy: %3.</translation>
    </message>
    <message>
        <source>Removing the lab…</source>
        <translation>Удаление стенда…</translation>
    </message>
    <message>
        <source>Bring the lab &amp;up</source>
        <translation>&amp;Запустить стенд</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Топология</translation>
    </message>
    <message>
        <source>Members (patronictl list)</source>
        <translation>Узлы (patronictl list)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Traffic</source>
        <translation>&amp;Нагрузка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>&amp;Открыть прогон…</translation>
    </message>
    <message>
        <source>Study a run stored in the journal; no Docker needed</source>
        <translation>Изучить прогон из журнала прогонов; Docker не нужен</translation>
    </message>
    <message>
        <source>&amp;Export timeline…</source>
        <translation>&amp;Экспорт временной шкалы…</translation>
    </message>
    <message>
        <source>Save the timeline as PNG, SVG or PDF at a chosen size for a report</source>
        <translation>Сохранить временную шкалу в PNG, SVG или PDF нужного размера для отчёта</translation>
    </message>
    <message>
        <source>&amp;Copy timeline</source>
        <translation>&amp;Копировать временную шкалу</translation>
    </message>
    <message>
        <source>Copy the timeline as an image to the clipboard</source>
        <translation>Скопировать временную шкалу в буфер обмена как изображение</translation>
    </message>
    <message>
        <source>Export run &amp;data (CSV)…</source>
        <translation>Экспорт &amp;данных прогона (CSV)…</translation>
    </message>
    <message>
        <source>Write operations, events, faults, outage windows (CSV) and summary.json of the shown run to a folder</source>
        <translation>Сохранить в папку операции, события, сбои, интервалы простоя (CSV) и summary.json показанного прогона</translation>
    </message>
    <message>
        <source>&amp;Choose cluster…</source>
        <translation>&amp;Выбрать кластер…</translation>
    </message>
    <message>
        <source>Our lab (project, port base) or an existing cluster (compose project or container-name prefix)</source>
        <translation>Наш стенд (проект, база портов) или существующий кластер (проект compose или префикс имён контейнеров)</translation>
    </message>
    <message>
        <source>Look for the cluster&apos;s containers again</source>
        <translation>Заново найти контейнеры кластера</translation>
    </message>
    <message>
        <source>Start/stop &amp;traffic</source>
        <translation>Запустить/остановить &amp;нагрузку</translation>
    </message>
    <message>
        <source>Start or stop the traffic generator (INSERT through HAProxy, as in the lab report)</source>
        <translation>Запустить или остановить генератор нагрузки (INSERT через HAProxy, как в лабораторной работе)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Режим презентации</translation>
    </message>
    <message>
        <source>Full screen, large fonts and high contrast, for lectures</source>
        <translation>Полный экран, крупные шрифты и высокая контрастность — для лекций</translation>
    </message>
    <message>
        <source>&amp;Follow live</source>
        <translation>&amp;Следить в реальном времени</translation>
    </message>
    <message>
        <source>Keep the newest minute of the run in view</source>
        <translation>Показывать последнюю минуту прогона</translation>
    </message>
    <message>
        <source>&amp;Whole run</source>
        <translation>&amp;Весь прогон</translation>
    </message>
    <message>
        <source>Show the whole run on the timeline</source>
        <translation>Показать весь прогон на временной шкале</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About Patroni HA Lab</source>
        <translation>&amp;О программе Patroni HA Lab</translation>
    </message>
    <message>
        <source>Switchover done: %1</source>
        <translation>Плановое переключение выполнено: %1</translation>
    </message>
    <message>
        <source>Remove the lab</source>
        <translation>Удаление стенда</translation>
    </message>
    <message>
        <source>Remove every container and the network of lab &apos;%1&apos;? The run journal is kept.</source>
        <translation>Удалить все контейнеры и сеть стенда «%1»? Журнал прогонов сохранится.</translation>
    </message>
    <message>
        <source>About Patroni HA Lab</source>
        <translation>О программе Patroni HA Lab</translation>
    </message>
    <message>
        <source>&lt;b&gt;Patroni HA Lab %1&lt;/b&gt;&lt;p&gt;Run high-availability experiments on a PostgreSQL cluster managed by Patroni and see what each failure does to the clients.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Patroni HA Lab %1&lt;/b&gt;&lt;p&gt;Эксперименты с высокой доступностью кластера PostgreSQL под управлением Patroni: смотрите, как каждый сбой сказывается на клиентах.&lt;/p&gt;&lt;p&gt;Лицензия: GPL-3.0-or-later.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Traffic panel</source>
        <translation>Панель нагрузки</translation>
    </message>
    <message>
        <source>Log panel</source>
        <translation>Панель журнала</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The new language applies the next time Patroni HA Lab starts.</source>
        <translation>Новый язык будет применён при следующем запуске Patroni HA Lab.</translation>
    </message>
    <message>
        <source>The run journal cannot be used, so runs are not recorded: %1</source>
        <translation>Журнал прогонов недоступен, поэтому прогоны не записываются: %1</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Журнал прогонов: %1</translation>
    </message>
    <message>
        <source>Journal: the queued records reached the disk again.</source>
        <translation>Журнал прогонов: накопленные в очереди записи снова сохранены на диск.</translation>
    </message>
    <message>
        <source>Patroni HA Lab — existing cluster %1</source>
        <translation>Patroni HA Lab — существующий кластер %1</translation>
    </message>
    <message>
        <source>Looking for %1…</source>
        <translation>Поиск кластера %1…</translation>
    </message>
    <message>
        <source>Watching %1: %2 containers (%3).</source>
        <translation>Наблюдение за %1: контейнеров — %2 (%3).</translation>
    </message>
    <message>
        <source>Switchover: no cluster has been found yet (is the lab up?)</source>
        <translation>Плановое переключение: кластер пока не найден (стенд запущен?)</translation>
    </message>
    <message>
        <source>A switchover is already in progress.</source>
        <translation>Плановое переключение уже выполняется.</translation>
    </message>
    <message>
        <source>Switchover to %1 is not possible: %2</source>
        <translation>Плановое переключение на %1 невозможно: %2</translation>
    </message>
    <message>
        <source>Switchover: %1 hands over to %2…</source>
        <translation>Плановое переключение: %1 передаёт роль лидера узлу %2…</translation>
    </message>
    <message>
        <source>Cannot run “docker network %1” on %2: the cluster&apos;s network is not known yet</source>
        <translation>Нельзя выполнить «docker network %1» для %2: сеть кластера ещё неизвестна</translation>
    </message>
    <message>
        <source>the run journal is still opening; try again in a moment</source>
        <translation>журнал прогонов ещё открывается; повторите попытку чуть позже</translation>
    </message>
    <message>
        <source>Cannot start the traffic</source>
        <translation>Не удалось запустить нагрузку</translation>
    </message>
    <message>
        <source>Cannot start the traffic: %1</source>
        <translation>Не удалось запустить нагрузку: %1</translation>
    </message>
    <message>
        <source>Traffic not started: %1</source>
        <translation>Нагрузка не запущена: %1</translation>
    </message>
    <message>
        <source>Run %1 — %2, writes through 127.0.0.1:%3</source>
        <translation>Прогон %1 — %2, запись через 127.0.0.1:%3</translation>
    </message>
    <message>
        <source>Run %1 started: %2 connection(s) to 127.0.0.1:%3, %4 operations/s, deadline %5 ms; every operation is recorded in %6</source>
        <translation>Прогон %1 начат: соединений с 127.0.0.1:%3 — %2, частота %4 оп./с, таймаут %5 мс; каждая операция записывается в %6</translation>
    </message>
    <message>
        <source>Lost acknowledged writes: %1.</source>
        <translation>Потеряно подтверждённых записей: %1.</translation>
    </message>
    <message>
        <source>Write audit not done: %1</source>
        <translation>Проверка подтверждённых записей не выполнена: %1</translation>
    </message>
    <message>
        <source>Run %1 finished. %2</source>
        <translation>Прогон %1 завершён. %2</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>Открыть прогон</translation>
    </message>
    <message>
        <source>Stop the traffic first: the timeline shows the live run.</source>
        <translation>Сначала остановите нагрузку: временная шкала показывает текущий прогон.</translation>
    </message>
    <message>
        <source>Cannot open run %1: the run journal is not open.</source>
        <translation>Не удалось открыть прогон %1: журнал прогонов не открыт.</translation>
    </message>
    <message>
        <source>Reading run %1…</source>
        <translation>Чтение прогона %1…</translation>
    </message>
    <message>
        <source>Cannot open run %1: %2</source>
        <translation>Не удалось открыть прогон %1: %2</translation>
    </message>
    <message>
        <source>Run %1 — %2, %3</source>
        <translation>Прогон %1 — %2, %3</translation>
    </message>
    <message>
        <source>Run %1: %2 operations, %3 write outage(s)</source>
        <translation>Прогон %1: операций — %2, простоев записи — %3</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ошибка экспорта</translation>
    </message>
    <message>
        <source>Timeline exported to %1</source>
        <translation>Временная шкала экспортирована в %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>The timeline is on the clipboard (%1×%2 px).</source>
        <translation>Временная шкала скопирована в буфер обмена (%1×%2 пикс.).</translation>
    </message>
    <message>
        <source>Export run data</source>
        <translation>Экспорт данных прогона</translation>
    </message>
    <message>
        <source>There is no finished run to export. Stop the traffic, or open a past run (File ▸ Open run).</source>
        <translation>Нет завершённого прогона для экспорта. Остановите нагрузку или откройте прошлый прогон (Файл ▸ Открыть прогон).</translation>
    </message>
    <message>
        <source>Folder for the run&apos;s CSV files and summary.json</source>
        <translation>Папка для CSV-файлов прогона и summary.json</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Записан файл %1</translation>
    </message>
    <message>
        <source>Wrote %1 files</source>
        <translation>Записано файлов: %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Window&lt;/h3&gt;&lt;table&gt;</source>
        <translation>&lt;h3&gt;Окно&lt;/h3&gt;&lt;table&gt;</translation>
    </message>
    <message>
        <source>&lt;/table&gt;&lt;h3&gt;Topology (click it first)&lt;/h3&gt;&lt;table&gt;</source>
        <translation>&lt;/table&gt;&lt;h3&gt;Топология (сначала щёлкните по ней)&lt;/h3&gt;&lt;table&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>Lab &apos;%1&apos; is not running. Press “Bring the lab up” to build and start it (3 etcd, 3 Patroni, HAProxy).</source>
        <translation>Стенд «%1» не запущен. Нажмите «Запустить стенд», чтобы собрать и запустить его (3 etcd, 3 Patroni, HAProxy).</translation>
    </message>
    <message>
        <source>No cluster named &apos;%1&apos; was found: %2. Start it (e.g. docker compose up -d in the Patroni repository) or choose another one (Lab ▸ Choose cluster).</source>
        <translation>Кластер «%1» не найден: %2. Запустите его (например, docker compose up -d в репозитории Patroni) или выберите другой (Стенд ▸ Выбрать кластер).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is healthy: leader %2, two streaming replicas, etcd 3/3, HAProxy routes writes to the leader.</source>
        <translation>«%1» исправен: лидер %2, две реплики в состоянии streaming, etcd 3/3, HAProxy направляет запись на лидера.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not healthy: %2</source>
        <translation>«%1» неисправен: %2</translation>
    </message>
    <message>
        <source>Observing &apos;%1&apos;…</source>
        <translation>Наблюдение за «%1»…</translation>
    </message>
    <message>
        <source>Containers — %1. etcd %2/3 healthy. HAProxy has no server for writes.</source>
        <translation>Контейнеры — %1. Исправно etcd: %2 из 3. У HAProxy нет сервера для записи.</translation>
    </message>
    <message>
        <source>Bringing the lab up… (the first time builds the image, about a minute)</source>
        <translation>Запуск стенда… (в первый раз собирается образ, это около минуты)</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Сценарии</translation>
    </message>
    <message>
        <source>Scenarios panel</source>
        <translation>Панель сценариев</translation>
    </message>
    <message>
        <source>A scenario is running</source>
        <translation>Выполняется сценарий</translation>
    </message>
    <message>
        <source>Closing now stops the scenario where it is, without healing the cluster (use Heal all or “patroni-lab-cli heal” afterwards). Close anyway?</source>
        <translation>Если закрыть окно сейчас, сценарий остановится на текущем шаге, а кластер не будет восстановлен (потом воспользуйтесь «Восстановить всё» или «patroni-lab-cli heal»). Всё равно закрыть?</translation>
    </message>
    <message>
        <source>A scenario is running with traffic of its own; abort it in the Scenarios panel first.</source>
        <translation>Выполняется сценарий с собственной нагрузкой; сначала прервите его на панели «Сценарии».</translation>
    </message>
    <message>
        <source>The scenario&apos;s traffic stops when the scenario ends; to stop it now, press Abort in the Scenarios panel.</source>
        <translation>Нагрузка сценария остановится, когда сценарий завершится; чтобы остановить её сейчас, нажмите «Прервать» на панели «Сценарии».</translation>
    </message>
    <message>
        <source>no cluster has been found yet (is the lab up?)</source>
        <translation>кластер пока не найден (стенд запущен?)</translation>
    </message>
    <message>
        <source>Cannot run the scenario: %1</source>
        <translation>Не удалось запустить сценарий: %1</translation>
    </message>
    <message>
        <source>Run scenario</source>
        <translation>Запуск сценария</translation>
    </message>
    <message>
        <source>The traffic generator is running. A scenario starts traffic of its own and measures it as a run of its own. Stop the current traffic and run “%1”?</source>
        <translation>Генератор нагрузки уже работает. Сценарий запускает собственную нагрузку и измеряет её как отдельный прогон. Остановить текущую нагрузку и запустить «%1»?</translation>
    </message>
    <message>
        <source>Scenario “%1” — run %2, %3</source>
        <translation>Сценарий «%1» — прогон %2, %3</translation>
    </message>
    <message>
        <source>Scenario “%1” started</source>
        <translation>Сценарий «%1» запущен</translation>
    </message>
    <message>
        <source>%1 write outage(s), longest %2 s (client-perceived %3 s); availability %4 %.</source>
        <translation>Простоев записи: %1, самый долгий %2 с (глазами клиента %3 с); доступность %4 %.</translation>
    </message>
    <message>
        <source>Observing through the relay container %1 on network %2: it forwards 127.0.0.1 ports to the members&apos; REST APIs, etcd and HAProxy&apos;s statistics, which the cluster does not publish. It is removed when you close the window or choose another cluster (Lab ▸ Choose cluster… turns it off).</source>
        <translation>Наблюдение через контейнер-ретранслятор %1 в сети %2: он пробрасывает порты 127.0.0.1 к REST API участников, к etcd и к статистике HAProxy, которые кластер не публикует. Он будет удалён, когда вы закроете окно или выберете другой кластер (выключается в меню Стенд ▸ Выбрать кластер…).</translation>
    </message>
    <message>
        <source>Observing through the relay container %1</source>
        <translation>Наблюдение через контейнер-ретранслятор %1</translation>
    </message>
    <message>
        <source>Observing through docker exec, one command per source and poll (slower): %1</source>
        <translation>Наблюдение через docker exec, по команде на каждый источник и опрос (медленнее): %1</translation>
    </message>
    <message>
        <source>Relay: %1</source>
        <translation>Ретранслятор: %1</translation>
    </message>
    <message>
        <source>Observed through docker exec</source>
        <translation>Наблюдение через docker exec</translation>
    </message>
    <message>
        <source>Observed through published ports and docker exec</source>
        <translation>Наблюдение через опубликованные порты и docker exec</translation>
    </message>
    <message>
        <source>Not every port of Patroni&apos;s REST API, etcd and HAProxy&apos;s statistics is published on 127.0.0.1: every poll runs one docker exec … curl per unpublished source, which takes seconds. A relay container makes it fast (Lab ▸ Choose cluster…).</source>
        <translation>Не все порты REST API Patroni, etcd и статистики HAProxy опубликованы на 127.0.0.1: каждый опрос выполняет по одной команде docker exec … curl на каждый неопубликованный источник, а это секунды. Контейнер-ретранслятор делает опрос быстрым (Стенд ▸ Выбрать кластер…).</translation>
    </message>
    <message>
        <source>Observed through relay %1</source>
        <translation>Наблюдение через ретранслятор %1</translation>
    </message>
    <message>
        <source>Observed through relay %1 and docker exec</source>
        <translation>Наблюдение через ретранслятор %1 и docker exec</translation>
    </message>
    <message>
        <source>The relay container %1 runs on the cluster&apos;s network %2 while the window watches the cluster: it forwards 127.0.0.1 ports to the members&apos; REST APIs, etcd and HAProxy&apos;s statistics. A node cut off from that network is read through docker exec. The relay is removed when the window stops watching.</source>
        <translation>Контейнер-ретранслятор %1 работает в сети кластера %2, пока окно наблюдает за кластером: он пробрасывает порты 127.0.0.1 к REST API участников, к etcd и к статистике HAProxy. Узел, отрезанный от этой сети, читается через docker exec. Ретранслятор удаляется, когда окно перестаёт наблюдать.</translation>
    </message>
    <message>
        <source>Timeline: &amp;all lanes</source>
        <translation>Временная шкала: &amp;все дорожки</translation>
    </message>
    <message>
        <source>Show every member&apos;s lane, also those that do not change; off: only the lanes that change (lanes that do not fit the height are left out either way)</source>
        <translation>Показывать дорожки всех узлов, и тех, что не меняются; выключено: только меняющиеся дорожки (дорожки, которым не хватает высоты, не показываются в любом случае)</translation>
    </message>
    <message>
        <source>Topology panel</source>
        <translation>Панель топологии</translation>
    </message>
    <message>
        <source>Members panel</source>
        <translation>Панель узлов</translation>
    </message>
    <message>
        <source>Cluster settings</source>
        <translation>Настройки кластера</translation>
    </message>
    <message>
        <source>Cluster settings panel</source>
        <translation>Панель настроек кластера</translation>
    </message>
    <message>
        <source>Folder for the comparison (compare.png, compare.md, compare.json)</source>
        <translation>Папка для сравнения (compare.png, compare.md, compare.json)</translation>
    </message>
    <message>
        <source>the run journal is not open</source>
        <translation>журнал прогонов не открыт</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n run(s) to compare…</source>
        <translation>
            <numerusform>Читаем %n прогон для сравнения…</numerusform>
            <numerusform>Читаем %n прогона для сравнения…</numerusform>
            <numerusform>Читаем %n прогонов для сравнения…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare the runs: %1</source>
        <translation>Не удалось сравнить прогоны: %1</translation>
    </message>
    <message numerus="yes">
        <source>Compared %n run(s) into %1; settings that differ: %2.</source>
        <translation>
            <numerusform>Сравнён %n прогон в %1; различающиеся настройки: %2.</numerusform>
            <numerusform>Сравнены %n прогона в %1; различающиеся настройки: %2.</numerusform>
            <numerusform>Сравнены %n прогонов в %1; различающиеся настройки: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Comparison written to %1</source>
        <translation>Сравнение записано в %1</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>прогон %1: %2</translation>
    </message>
    <message>
        <source>Runs compared</source>
        <translation>Сравнение прогонов</translation>
    </message>
    <message>
        <source>compare.png, compare.md and compare.json are in &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</source>
        <translation>compare.png, compare.md и compare.json — в &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>Not run: %1 on %2: %3</source>
        <translation>Не выполнено: %1 на %2: %3</translation>
    </message>
    <message>
        <source>%1 on %2 …</source>
        <translation>%1 на %2 …</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) behind the leader</source>
        <translation>
            <numerusform>Отстаёт от лидера на %n байт</numerusform>
            <numerusform>Отстаёт от лидера на %n байта</numerusform>
            <numerusform>Отстаёт от лидера на %n байт</numerusform>
        </translation>
    </message>
    <message>
        <source>Its own REST API does not answer (container %1)</source>
        <translation>REST API узла не отвечает (контейнер %1)</translation>
    </message>
    <message>
        <source>Patroni %1, container %2</source>
        <translation>Patroni %1, контейнер %2</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Узел</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>TL</source>
        <translation>TL</translation>
    </message>
    <message>
        <source>Receive LSN</source>
        <translation>LSN получения</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Отставание</translation>
    </message>
    <message>
        <source>Replay LSN</source>
        <translation>LSN воспроизведения</translation>
    </message>
    <message>
        <source>Receives WAL from the leader (streaming)</source>
        <translation>Получает WAL от лидера (streaming)</translation>
    </message>
    <message>
        <source>Does not receive WAL from the leader now (not streaming)</source>
        <translation>Сейчас не получает WAL от лидера (не streaming)</translation>
    </message>
</context>
<context>
    <name>NodeActionMenu</name>
    <message>
        <source>only a Patroni node can take over the leadership</source>
        <translation>стать лидером может только узел Patroni</translation>
    </message>
    <message>
        <source>%1 is already the leader</source>
        <translation>%1 уже лидер</translation>
    </message>
    <message>
        <source>there is no leader to hand over from</source>
        <translation>нет лидера, который мог бы передать роль</translation>
    </message>
    <message>
        <source>the container is %1, not running</source>
        <translation>контейнер в состоянии %1, а не running</translation>
    </message>
    <message>
        <source>the node is cut off from the network</source>
        <translation>узел отключён от сети</translation>
    </message>
    <message>
        <source>Stop (docker stop)	S</source>
        <translation>Остановить (docker stop)	S</translation>
    </message>
    <message>
        <source>Start (docker start)	T</source>
        <translation>Запустить (docker start)	T</translation>
    </message>
    <message>
        <source>Restart (docker restart)	R</source>
        <translation>Перезапустить (docker restart)	R</translation>
    </message>
    <message>
        <source>Kill — SIGKILL, no shutdown (docker kill)	K</source>
        <translation>Убить — SIGKILL, без корректного завершения (docker kill)	K</translation>
    </message>
    <message>
        <source>Pause — freeze every process (docker pause)	P</source>
        <translation>Приостановить — заморозить все процессы (docker pause)	P</translation>
    </message>
    <message>
        <source>Unpause (docker unpause)	P</source>
        <translation>Снять с паузы (docker unpause)	P</translation>
    </message>
    <message>
        <source>Disconnect from the network	N</source>
        <translation>Отключить от сети	N</translation>
    </message>
    <message>
        <source>Reconnect to the network	N</source>
        <translation>Вернуть в сеть	N</translation>
    </message>
    <message>
        <source>Switchover to this node	W</source>
        <translation>Плановое переключение (switchover) на этот узел	W</translation>
    </message>
    <message>
        <source>Ask the leader %1 to hand over to %2 (planned, no data loss)</source>
        <translation>Попросить лидера %1 передать роль узлу %2 (плановое переключение, без потери данных)</translation>
    </message>
    <message>
        <source>Heal all — unpause, reconnect, start everything	H</source>
        <translation>Восстановить всё — снять с паузы, вернуть в сеть, запустить	H</translation>
    </message>
    <message>
        <source>Network quality… (delay, loss, rate)	I</source>
        <translation>Качество сети… (задержка, потери, скорость)	I</translation>
    </message>
    <message>
        <source>Clear network impairment	C</source>
        <translation>Снять ухудшение сети	C</translation>
    </message>
    <message>
        <source>Partition from…	X</source>
        <translation>Изолировать от…	X</translation>
    </message>
    <message>
        <source>Remove partition	U</source>
        <translation>Снять изоляцию	U</translation>
    </message>
    <message>
        <source>Kill PostgreSQL only	G</source>
        <translation>Убить только PostgreSQL	G</translation>
    </message>
    <message>
        <source>Freeze PostgreSQL	Z</source>
        <translation>Заморозить PostgreSQL	Z</translation>
    </message>
    <message>
        <source>Thaw PostgreSQL	Z</source>
        <translation>Разморозить PostgreSQL	Z</translation>
    </message>
    <message>
        <source>Kill Patroni only (PostgreSQL keeps running)</source>
        <translation>Убить только Patroni (PostgreSQL продолжает работать)</translation>
    </message>
    <message>
        <source>Limit CPU…</source>
        <translation>Ограничить CPU…</translation>
    </message>
    <message>
        <source>Limit memory…</source>
        <translation>Ограничить память…</translation>
    </message>
    <message>
        <source>Remove CPU/memory limits</source>
        <translation>Снять ограничения CPU и памяти</translation>
    </message>
    <message>
        <source>Delay, lose, duplicate or corrupt the node&apos;s packets, or limit its rate (tc netem, from a helper container)</source>
        <translation>Задерживать, терять, дублировать или искажать пакеты узла либо ограничить его скорость (tc netem из вспомогательного контейнера)</translation>
    </message>
    <message>
        <source>Remove the netem impairment: the node&apos;s network is as before</source>
        <translation>Снять ухудшение netem: сеть узла снова как прежде</translation>
    </message>
    <message>
        <source>Drop the traffic between this node and the chosen peers, both directions, while it stays on the network</source>
        <translation>Отбрасывать трафик между этим узлом и выбранными соседями в обе стороны, оставляя узел в сети</translation>
    </message>
    <message>
        <source>Remove the partition: the node reaches every peer again</source>
        <translation>Снять изоляцию: узел снова достаёт до всех соседей</translation>
    </message>
    <message>
        <source>SIGKILL to the postmaster only: a crash of PostgreSQL; Patroni keeps running and starts it again</source>
        <translation>SIGKILL только процессу postmaster: авария PostgreSQL; Patroni продолжает работать и запускает его снова</translation>
    </message>
    <message>
        <source>SIGSTOP to every PostgreSQL process: queries hang, Patroni keeps running</source>
        <translation>SIGSTOP всем процессам PostgreSQL: запросы зависают, Patroni продолжает работать</translation>
    </message>
    <message>
        <source>SIGCONT to every PostgreSQL process: the frozen queries go on</source>
        <translation>SIGCONT всем процессам PostgreSQL: замороженные запросы продолжаются</translation>
    </message>
    <message>
        <source>SIGKILL to the Patroni daemon only: PostgreSQL goes on unmanaged, the member&apos;s key in etcd expires after the TTL</source>
        <translation>SIGKILL только демону Patroni: PostgreSQL работает без управления, ключ узла в etcd истекает через TTL</translation>
    </message>
    <message>
        <source>Allow the container only a share of the CPU (docker update --cpus)</source>
        <translation>Дать контейнеру лишь долю CPU (docker update --cpus)</translation>
    </message>
    <message>
        <source>Limit the container&apos;s memory (docker update --memory); above it the kernel kills a process</source>
        <translation>Ограничить память контейнера (docker update --memory); при превышении ядро убивает процесс</translation>
    </message>
    <message>
        <source>Lift the CPU and memory limits (docker update)</source>
        <translation>Снять ограничения CPU и памяти (docker update)</translation>
    </message>
    <message>
        <source>Inside the container</source>
        <translation>Внутри контейнера</translation>
    </message>
</context>
<context>
    <name>ObservationRelay</name>
    <message>
        <source>the cluster&apos;s containers share no network of their own for a relay to join</source>
        <translation>у контейнеров кластера нет общей собственной сети, к которой мог бы подключиться ретранслятор</translation>
    </message>
    <message>
        <source>the cluster has no Patroni container whose image could run the relay</source>
        <translation>в кластере нет контейнера Patroni, из образа которого можно запустить ретранслятор</translation>
    </message>
    <message>
        <source>every service is published already</source>
        <translation>все сервисы уже опубликованы</translation>
    </message>
    <message>
        <source>the relay container did not start within %1 s</source>
        <translation>контейнер-ретранслятор не запустился за %1 с</translation>
    </message>
    <message>
        <source>removed %1, a relay container whose process is gone</source>
        <translation>удалён %1 — контейнер-ретранслятор, процесса-владельца которого больше нет</translation>
    </message>
    <message>
        <source>could not remove the stale relay container %1: %2</source>
        <translation>не удалось удалить устаревший контейнер-ретранслятор %1: %2</translation>
    </message>
    <message>
        <source>the relay container could not start: %1</source>
        <translation>контейнер-ретранслятор не смог запуститься: %1</translation>
    </message>
    <message>
        <source>the relay container %1 stopped: %2</source>
        <translation>контейнер-ретранслятор %1 остановился: %2</translation>
    </message>
    <message>
        <source>the relay&apos;s ports cannot be read: %1</source>
        <translation>не удаётся прочитать порты ретранслятора: %1</translation>
    </message>
    <message>
        <source>the relay&apos;s port %1 is not published on 127.0.0.1</source>
        <translation>порт ретранслятора %1 не опубликован на 127.0.0.1</translation>
    </message>
</context>
<context>
    <name>PartitionDialog</name>
    <message>
        <source>Drops every packet between %1 and the chosen peers, both directions, while it stays on the network and reaches the others.</source>
        <translation>Отбрасывает все пакеты между %1 и выбранными соседями в обе стороны; узел остаётся в сети и достаёт до остальных.</translation>
    </message>
    <message>
        <source>%1 — no address on the cluster&apos;s network (stopped or cut off since the discovery?)</source>
        <translation>%1 — нет адреса в сети кластера (остановлен или отключён после обнаружения?)</translation>
    </message>
    <message>
        <source>&amp;Cut off from:</source>
        <translation>&amp;Изолировать от:</translation>
    </message>
    <message>
        <source>All &amp;etcd members</source>
        <translation>Все узлы &amp;etcd</translation>
    </message>
    <message>
        <source>The other &amp;Patroni nodes</source>
        <translation>Другие узлы &amp;Patroni</translation>
    </message>
    <message>
        <source>&amp;HAProxy</source>
        <translation>&amp;HAProxy</translation>
    </message>
    <message>
        <source>Choose at least one peer to cut the node off from.</source>
        <translation>Выберите хотя бы одного соседа, от которого изолировать узел.</translation>
    </message>
</context>
<context>
    <name>PatroniSettings</name>
    <message>
        <source>How long the leader key lives in etcd without renewal: a leader that dies is replaced after at most this long (plus loop_wait).</source>
        <translation>Сколько ключ лидера живёт в etcd без продления: погибший лидер заменяется не позже чем через это время (плюс loop_wait).</translation>
    </message>
    <message>
        <source>Seconds between two runs of each node&apos;s HA loop: how soon a node notices a change.</source>
        <translation>Секунды между двумя проходами HA-цикла каждого узла: как скоро узел замечает изменение.</translation>
    </message>
    <message>
        <source>How long etcd or PostgreSQL may fail before the leader demotes itself (a lost quorum turns read-only after this).</source>
        <translation>Сколько etcd или PostgreSQL могут не отвечать, прежде чем лидер понизит себя (при потере кворума запись прекращается через это время).</translation>
    </message>
    <message>
        <source>A replica further behind than this many bytes is not promoted.</source>
        <translation>Реплика, отставшая больше чем на столько байт, не повышается.</translation>
    </message>
    <message>
        <source>Commit only when a synchronous standby has the WAL, and promote only a synchronous standby: no acknowledged write is lost on failover.</source>
        <translation>Подтверждать фиксацию только когда WAL есть у синхронной реплики и повышать только синхронную реплику: при failover не теряется ни одна подтверждённая запись.</translation>
    </message>
    <message>
        <source>With synchronous mode: refuse writes rather than go on without a synchronous standby.</source>
        <translation>В синхронном режиме: отказывать в записи, а не продолжать без синхронной реплики.</translation>
    </message>
    <message>
        <source>How many synchronous standbys a commit waits for.</source>
        <translation>Сколько синхронных реплик ждёт фиксация.</translation>
    </message>
    <message>
        <source>Keep the primary when etcd is lost, as long as it still reaches every other member.</source>
        <translation>Сохранять лидера при потере etcd, пока он видит все остальные узлы.</translation>
    </message>
    <message>
        <source>How long a crashed primary may take to recover before a failover happens instead.</source>
        <translation>Сколько упавший лидер может восстанавливаться, прежде чем вместо этого произойдёт failover.</translation>
    </message>
    <message>
        <source>Name at least one setting as KEY=VALUE, e.g. ttl=20.</source>
        <translation>Укажите хотя бы одну настройку в виде КЛЮЧ=ЗНАЧЕНИЕ, например ttl=20.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not KEY=VALUE (e.g. ttl=20).</source>
        <translation>«%1» — не КЛЮЧ=ЗНАЧЕНИЕ (например, ttl=20).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a setting name: use letters, digits and _, with dots between levels (e.g. postgresql.parameters.max_connections).</source>
        <translation>«%1» — не имя настройки: используйте латинские буквы, цифры и _, уровни разделяйте точками (например, postgresql.parameters.max_connections).</translation>
    </message>
    <message>
        <source>Patroni 3.1 and later call master_start_timeout primary_start_timeout.</source>
        <translation>В Patroni 3.1 и новее master_start_timeout называется primary_start_timeout.</translation>
    </message>
    <message>
        <source>This Patroni (before 3.1) calls primary_start_timeout master_start_timeout.</source>
        <translation>В этой версии Patroni (до 3.1) primary_start_timeout называется master_start_timeout.</translation>
    </message>
    <message>
        <source>synchronous_mode=quorum needs Patroni 4.0 or later.</source>
        <translation>synchronous_mode=quorum требует Patroni 4.0 или новее.</translation>
    </message>
    <message>
        <source>%1 is on, off or quorum, got &apos;%2&apos;.</source>
        <translation>%1 принимает on, off или quorum, получено «%2».</translation>
    </message>
    <message>
        <source>%1 is on or off, got &apos;%2&apos;.</source>
        <translation>%1 принимает on или off, получено «%2».</translation>
    </message>
    <message>
        <source>a whole number of seconds</source>
        <translation>целым числом секунд</translation>
    </message>
    <message>
        <source>a whole number of bytes</source>
        <translation>целым числом байт</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>целым числом</translation>
    </message>
    <message>
        <source>%1 must be %2 of at least %3, got &apos;%4&apos;.</source>
        <translation>%1 должен быть %2 не меньше %3, получено «%4».</translation>
    </message>
    <message>
        <source>ttl must be at least 20 s (it is %1).</source>
        <translation>ttl должен быть не меньше 20 с (сейчас %1).</translation>
    </message>
    <message>
        <source>loop_wait must be at least 1 s (it is %1).</source>
        <translation>loop_wait должен быть не меньше 1 с (сейчас %1).</translation>
    </message>
    <message>
        <source>retry_timeout must be at least 3 s (it is %1).</source>
        <translation>retry_timeout должен быть не меньше 3 с (сейчас %1).</translation>
    </message>
    <message>
        <source>loop_wait + 2 × retry_timeout must not exceed ttl: %1 + 2 × %2 = %3 &gt; %4 (Patroni would shorten them itself).</source>
        <translation>loop_wait + 2 × retry_timeout не должно превышать ttl: %1 + 2 × %2 = %3 &gt; %4 (Patroni сам бы их сократил).</translation>
    </message>
    <message>
        <source>synchronous_node_count must be at least 1.</source>
        <translation>synchronous_node_count должен быть не меньше 1.</translation>
    </message>
</context>
<context>
    <name>PatroniSettingsChange</name>
    <message>
        <source>no cluster is observed</source>
        <translation>кластер не наблюдается</translation>
    </message>
    <message>
        <source>no Patroni member answered GET /config: is the cluster up? (patroni-lab-cli status)</source>
        <translation>ни один узел Patroni не ответил на GET /config: запущен ли кластер? (patroni-lab-cli status)</translation>
    </message>
    <message>
        <source>PATCH /config to %1 got no answer: %2</source>
        <translation>PATCH /config к %1 остался без ответа: %2</translation>
    </message>
    <message>
        <source>Patroni refused the REST credentials (HTTP 401): give the cluster&apos;s restapi user and password (--rest-user, --rest-password; the lab&apos;s are admin/admin)</source>
        <translation>Patroni отклонил учётные данные REST (HTTP 401): укажите пользователя и пароль restapi кластера (--rest-user, --rest-password; у стенда — admin/admin)</translation>
    </message>
    <message>
        <source>Patroni refused the change (HTTP %1): %2</source>
        <translation>Patroni отклонил изменение (HTTP %1): %2</translation>
    </message>
    <message>
        <source>not applied within %1 s by %2 (a stopped or cut-off member reads the change when it is back)</source>
        <translation>не применено за %1 с узлами %2 (остановленный или отрезанный узел прочитает изменение, когда вернётся)</translation>
    </message>
</context>
<context>
    <name>ResourceLimitDialog</name>
    <message>
        <source>Gives %1 at most this much CPU time (docker update --cpus): 0.2 is a fifth of one core. Patroni&apos;s loop, the health checks and PostgreSQL all slow down.</source>
        <translation>Даёт %1 не больше этого процессорного времени (docker update --cpus): 0.2 — пятая часть одного ядра. Цикл Patroni, проверки состояния и PostgreSQL — всё замедляется.</translation>
    </message>
    <message>
        <source>Limits the memory of %1 (docker update --memory, no swap beyond it): when its processes need more, the kernel kills one of them.</source>
        <translation>Ограничивает память %1 (docker update --memory, без swap сверх неё): когда процессам нужно больше, ядро убивает один из них.</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPU</translation>
    </message>
    <message>
        <source>&amp;CPUs:</source>
        <translation>&amp;CPU:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> МиБ</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Память:</translation>
    </message>
</context>
<context>
    <name>RunAnalyzer</name>
    <message>
        <source>%1 s before its end HAProxy counted %2 UP while it still counted %3 UP, which did not answer: it balanced new connections over both, so some could write again and the others hung</source>
        <translation>за %1 с до его конца HAProxy считал %2 UP, но всё ещё считал UP и %3, который не отвечал: новые соединения распределялись между обоими, часть из них снова могла писать, остальные зависали</translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <source>%1 is not a JSON object (%2)</source>
        <translation>%1 — не JSON-объект (%2)</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>прогон %1</translation>
    </message>
    <message>
        <source>journal run %1</source>
        <translation>прогон %1 из журнала</translation>
    </message>
    <message>
        <source>%1 is not a folder: give a bundle folder of &apos;patroni-lab-cli run&apos; or &apos;report&apos;, or a run number from &apos;patroni-lab-cli runs&apos;</source>
        <translation>%1 — не папка: укажите папку, записанную «patroni-lab-cli run» или «report», или номер прогона из «patroni-lab-cli runs»</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 has no summary.json, nor run-1, run-2, … folders with one: give the folder &apos;patroni-lab-cli run&apos; or &apos;report&apos; wrote</source>
        <translation>В %1 нет summary.json и нет папок run-1, run-2, … с ним: укажите папку, которую записал «patroni-lab-cli run» или «report»</translation>
    </message>
    <message>
        <source>Runs compared</source>
        <translation>Сравнение прогонов</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in %1 group(s).</source>
        <translation>
            <numerusform>%n прогон в группах: %1.</numerusform>
            <numerusform>%n прогона в группах: %1.</numerusform>
            <numerusform>%n прогонов в группах: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>write outages of every run, and the runs on one time axis from their first fault</source>
        <translation>простои записи каждого прогона и прогоны на одной оси времени от первого сбоя</translation>
    </message>
    <message>
        <source>Settings that differ</source>
        <translation>Различающиеся настройки</translation>
    </message>
    <message>
        <source>None: every run had the same settings.</source>
        <translation>Нет: у всех прогонов одинаковые настройки.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>The same in every run: %1.</source>
        <translation>Одинаково во всех прогонах: %1.</translation>
    </message>
    <message>
        <source>Write outages by group</source>
        <translation>Простои записи по группам</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Прогоны</translation>
    </message>
    <message>
        <source>Longest write outage: median</source>
        <translation>Самый долгий простой записи: медиана</translation>
    </message>
    <message>
        <source>min … max</source>
        <translation>мин … макс</translation>
    </message>
    <message>
        <source>Lost writes</source>
        <translation>Потерянные записи</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Every run</source>
        <translation>Каждый прогон</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>First write outage</source>
        <translation>Первый простой записи</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>Самый долгий</translation>
    </message>
    <message>
        <source>Lost / acknowledged</source>
        <translation>Потеряно / подтверждено</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Write outages are measured by each run&apos;s service probe (about 10 ms); the figure aligns the runs at their first fault action.</source>
        <translation>Простои записи измерены зондом сервиса каждого прогона (около 10 мс); на рисунке прогоны выровнены по первому действию-сбою.</translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>running</source>
        <translation>идёт</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>прерван</translation>
    </message>
    <message>
        <source>The program ended before this run was stopped; everything that reached the disk can still be studied.</source>
        <translation>Программа завершилась раньше, чем этот прогон был остановлен; всё, что успело попасть на диск, можно изучить.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Операции</translation>
    </message>
</context>
<context>
    <name>RunsDialog</name>
    <message>
        <source>Open a past run</source>
        <translation>Открыть прошлый прогон</translation>
    </message>
    <message>
        <source>The run journal could not be opened, so there are no runs to show. The log says why.</source>
        <translation>Не удалось открыть журнал прогонов, поэтому показать нечего. Причина — в окне «Журнал».</translation>
    </message>
    <message>
        <source>Reading the runs in %1…</source>
        <translation>Чтение прогонов из %1…</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>Не удалось прочитать прогоны: %1</translation>
    </message>
    <message>
        <source>No runs yet in %1. Start the traffic generator to record one.</source>
        <translation>В %1 пока нет прогонов. Запустите генератор нагрузки, чтобы записать прогон.</translation>
    </message>
    <message>
        <source>Runs in %1. Double-click one to study it; no Docker is needed.</source>
        <translation>Прогоны в %1. Дважды щёлкните прогон, чтобы изучить его; Docker для этого не нужен.</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Сравнить…</translation>
    </message>
    <message>
        <source>Select two or more runs (Ctrl+click, Shift+click) to see them side by side: the settings that differ, their write outages, and their timelines from the first fault.</source>
        <translation>Выберите два прогона или больше (Ctrl+щелчок, Shift+щелчок), чтобы увидеть их рядом: различающиеся настройки, простои записи и временные шкалы от первого сбоя.</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>&amp;Scenario:</source>
        <translation>&amp;Сценарий:</translation>
    </message>
    <message>
        <source>The experiments that ship with the lab, and the scenario files opened here</source>
        <translation>Эксперименты, входящие в состав стенда, и открытые здесь файлы сценариев</translation>
    </message>
    <message>
        <source>Open scenario &amp;file…</source>
        <translation>Открыть &amp;файл сценария…</translation>
    </message>
    <message>
        <source>Read a patroni-lab-scenario/1 JSON file (see docs/scenarios.md)</source>
        <translation>Прочитать JSON-файл в формате patroni-lab-scenario/1 (см. docs/scenarios.md)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Запустить</translation>
    </message>
    <message>
        <source>Check that the cluster is healthy, start the traffic and perform the steps; the cluster is healed afterwards</source>
        <translation>Проверить, что кластер исправен, запустить нагрузку и выполнить шаги; после этого кластер восстанавливается</translation>
    </message>
    <message>
        <source>&amp;Abort</source>
        <translation>&amp;Прервать</translation>
    </message>
    <message>
        <source>Stop after the command in progress and heal the cluster</source>
        <translation>Остановиться после текущей команды и восстановить кластер</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>Сохранить &amp;отчёт…</translation>
    </message>
    <message>
        <source>Write report.md, summary.json, the CSV files and timeline.png of the last run into a folder</source>
        <translation>Сохранить в папку report.md, summary.json, CSV-файлы и timeline.png последнего прогона</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Измерено</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>The built-in scenarios cannot be read: %1</source>
        <translation>Не удалось прочитать встроенные сценарии: %1</translation>
    </message>
    <message>
        <source>The scenario file cannot be used:
%1</source>
        <translation>Файл сценария нельзя использовать:
%1</translation>
    </message>
    <message>
        <source>The scenario file cannot be used — see the Scenarios panel</source>
        <translation>Файл сценария нельзя использовать — подробности на панели «Сценарии»</translation>
    </message>
    <message>
        <source>%1 (file %2)</source>
        <translation>%1 (файл %2)</translation>
    </message>
    <message>
        <source>Read %1 again.</source>
        <translation>Файл %1 прочитан заново.</translation>
    </message>
    <message>
        <source>Read %1: %2 steps.</source>
        <translation>Прочитан файл %1, шагов: %2.</translation>
    </message>
    <message>
        <source>Open scenario file</source>
        <translation>Открыть файл сценария</translation>
    </message>
    <message>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>Файлы сценариев (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Aborting — healing the cluster…</source>
        <translation>Прерывание — восстановление кластера…</translation>
    </message>
    <message>
        <source>Checking that the cluster is healthy, then starting the traffic…</source>
        <translation>Проверка исправности кластера, затем запуск нагрузки…</translation>
    </message>
    <message>
        <source>The generator writes; running the steps…</source>
        <translation>Генератор ведёт запись; выполняются шаги…</translation>
    </message>
    <message>
        <source>Healing the cluster and waiting until it is healthy again…</source>
        <translation>Восстановление кластера и ожидание, пока он снова станет исправен…</translation>
    </message>
    <message>
        <source>Stopping the traffic and auditing the writes…</source>
        <translation>Остановка нагрузки и проверка подтверждённых записей…</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Шаг %1 из %2: %3</translation>
    </message>
    <message>
        <source>Aborted.</source>
        <translation>Прервано.</translation>
    </message>
    <message>
        <source>Every step ran.</source>
        <translation>Все шаги выполнены.</translation>
    </message>
    <message>
        <source>The scenario stopped: %1</source>
        <translation>Сценарий остановлен: %1</translation>
    </message>
    <message>
        <source>The cluster is healthy again.</source>
        <translation>Кластер снова исправен.</translation>
    </message>
    <message>
        <source>The cluster did not become healthy: %1. Use Heal all.</source>
        <translation>Кластер так и не стал исправен: %1. Воспользуйтесь «Восстановить всё».</translation>
    </message>
    <message>
        <source>Scenario %1: %2</source>
        <translation>Сценарий %1: %2</translation>
    </message>
    <message>
        <source>%1 Verdict: %2</source>
        <translation>%1 Итог: %2</translation>
    </message>
    <message>
        <source>%1, run %2</source>
        <translation>%1, прогон %2</translation>
    </message>
    <message>
        <source>Not completed: %1</source>
        <translation>Не завершён: %1</translation>
    </message>
    <message>
        <source>✔ holds</source>
        <translation>✔ совпадает</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>расходится</translation>
    </message>
    <message>
        <source>Folder for the scenario report</source>
        <translation>Папка для отчёта о сценарии</translation>
    </message>
    <message>
        <source>the run journal is not open, so run %1 cannot be read</source>
        <translation>журнал прогонов не открыт, поэтому прогон %1 прочитать нельзя</translation>
    </message>
    <message>
        <source>Report not written: %1</source>
        <translation>Отчёт не записан: %1</translation>
    </message>
    <message>
        <source>Writing the report into %1…</source>
        <translation>Запись отчёта в %1…</translation>
    </message>
    <message>
        <source>Run %1 cannot be read back from the journal, so the report has no operations and no timeline: %2</source>
        <translation>Не удалось прочитать прогон %1 из журнала прогонов, поэтому в отчёте нет ни операций, ни временной шкалы: %2</translation>
    </message>
    <message>
        <source>The report was written, but not the timeline: %1</source>
        <translation>Отчёт записан, а временная шкала — нет: %1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Записан файл %1</translation>
    </message>
    <message>
        <source>Report written to %1 (%2 files)</source>
        <translation>Отчёт записан в %1 (файлов: %2)</translation>
    </message>
</context>
<context>
    <name>ScenarioReport</name>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Patroni ttl %1 s, loop_wait %2 s, retry_timeout %3 s%4; HAProxy inter %5 s, fall %6, rise %7%8; docker stop grace %9 s</source>
        <translation>Patroni: ttl %1 с, loop_wait %2 с, retry_timeout %3 с%4; HAProxy: inter %5 с, fall %6, rise %7%8; docker stop: %9 с до SIGKILL</translation>
    </message>
    <message>
        <source> (Patroni&apos;s defaults: GET /config did not answer)</source>
        <translation> (значения Patroni по умолчанию: GET /config не ответил)</translation>
    </message>
    <message>
        <source>as expected</source>
        <translation>как ожидалось</translation>
    </message>
    <message>
        <source>differs from the expectation</source>
        <translation>расходится с ожиданием</translation>
    </message>
    <message>
        <source>incomplete: the scenario did not run to its end</source>
        <translation>не завершено — сценарий не выполнен до конца</translation>
    </message>
    <message>
        <source>write outage</source>
        <translation>простой записи</translation>
    </message>
    <message>
        <source>writes stop after the quorum is lost</source>
        <translation>запись останавливается после потери кворума</translation>
    </message>
    <message>
        <source>writes resume after the quorum is back</source>
        <translation>запись возобновляется после восстановления кворума</translation>
    </message>
    <message numerus="yes">
        <source>yes (%1; %n timeline change(s))</source>
        <translation>
            <numerusform>да (%1; %n смена линии времени)</numerusform>
            <numerusform>да (%1; %n смены линии времени)</numerusform>
            <numerusform>да (%1; %n смен линии времени)</numerusform>
        </translation>
    </message>
    <message>
        <source>no (leader %1 throughout)</source>
        <translation>нет (всё время лидер — %1)</translation>
    </message>
    <message>
        <source>no member was promoted: the leader kept its key, or the fault did not reach it</source>
        <translation>ни одна реплика не стала лидером: лидер сохранил свой ключ, или сбой его не затронул</translation>
    </message>
    <message>
        <source>a member was promoted although the leader should have stayed: look at the leader&apos;s log around the fault</source>
        <translation>реплика стала лидером, хотя лидер должен был остаться прежним: посмотрите журнал лидера в момент сбоя</translation>
    </message>
    <message numerus="yes">
        <source>yes (%n outage(s), longest %1)</source>
        <translation>
            <numerusform>да (%n простой, самый долгий — %1)</numerusform>
            <numerusform>да (%n простоя, самый долгий — %1)</numerusform>
            <numerusform>да (%n простоев, самый долгий — %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>writes never stopped for longer than the probes&apos; resolution</source>
        <translation>запись ни разу не останавливалась дольше, чем позволяет заметить частота проб</translation>
    </message>
    <message>
        <source>writes stopped although nothing the leader needs was touched: look at the timeline around the outage</source>
        <translation>запись остановилась, хотя ничего нужного лидеру не трогали: посмотрите на временную шкалу в районе простоя</translation>
    </message>
    <message>
        <source>possible</source>
        <translation>возможно</translation>
    </message>
    <message numerus="yes">
        <source>%n write(s) refused as read-only</source>
        <translation>
            <numerusform>%n запись отклонена сервером только для чтения</numerusform>
            <numerusform>%n записи отклонены сервером только для чтения</numerusform>
            <numerusform>%n записей отклонено сервером только для чтения</numerusform>
        </translation>
    </message>
    <message>
        <source>no write reached a read-only server: the leader did not demote itself, or no connection was routed to it while it was read-only</source>
        <translation>ни одна запись не попала на сервер в режиме только для чтения: лидер не перешёл в этот режим, или ни одно соединение не было направлено на него, пока он был в этом режиме</translation>
    </message>
    <message>
        <source>writes reached a server that was read-only: HAProxy still routed to a node that was not the leader (its checks run every %1 s and need %2 failures)</source>
        <translation>запись попала на сервер в режиме только для чтения: HAProxy ещё направлял соединения на узел, который уже не был лидером (проверки HAProxy идут каждые %1 с, и узел помечается как DOWN после %2 неудачных)</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) refused</source>
        <translation>
            <numerusform>%n соединение отклонено</numerusform>
            <numerusform>%n соединения отклонены</numerusform>
            <numerusform>%n соединений отклонено</numerusform>
        </translation>
    </message>
    <message>
        <source>no connection was refused: HAProxy kept listening</source>
        <translation>ни одно соединение не было отклонено: HAProxy продолжал принимать подключения</translation>
    </message>
    <message>
        <source>connections were refused: nothing listened on the writes port for a while</source>
        <translation>соединения отклонялись: какое-то время порт записи никто не слушал</translation>
    </message>
    <message numerus="yes">
        <source>%n operation(s) ended by the client deadline</source>
        <translation>
            <numerusform>%n операция прервана клиентским таймаутом</numerusform>
            <numerusform>%n операции прерваны клиентским таймаутом</numerusform>
            <numerusform>%n операций прервано клиентским таймаутом</numerusform>
        </translation>
    </message>
    <message>
        <source>no operation hung until the deadline: sessions were closed before it fired</source>
        <translation>ни одна операция не зависла до таймаута: сессии закрывались раньше, чем он срабатывал</translation>
    </message>
    <message>
        <source>operations hung until the client deadline: a server stopped answering without closing its connections</source>
        <translation>операции зависали до клиентского таймаута: сервер перестал отвечать, не закрыв свои соединения</translation>
    </message>
    <message>
        <source>%1 of %2 acknowledged writes missing</source>
        <translation>недостаёт %1 из %2 подтверждённых записей</translation>
    </message>
    <message>
        <source>acknowledged writes are missing: a commit the client saw was not on the new leader (asynchronous replication)</source>
        <translation>подтверждённые записи потеряны: фиксации, которую видел клиент, не оказалось на новом лидере (асинхронная репликация)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>не измерено</translation>
    </message>
    <message>
        <source>the write audit could not read the run&apos;s rows back after the run</source>
        <translation>проверка подтверждённых записей не смогла прочитать строки прогона после его окончания</translation>
    </message>
    <message>
        <source>the longest write outage is longer than the scenario allows</source>
        <translation>самый долгий простой записи длиннее, чем допускает сценарий</translation>
    </message>
    <message>
        <source>the run had no write outage after a fault to measure</source>
        <translation>в прогоне не было простоя записи после сбоя, который можно было бы измерить</translation>
    </message>
    <message>
        <source>shorter than the band: the cluster reacted faster than its settings allow for the slowest case it assumes (for example HAProxy&apos;s checks happened to fall just after the change)</source>
        <translation>короче ожидаемого диапазона: кластер отреагировал быстрее, чем заложено в расчёт по его настройкам (например, проверки HAProxy случайно пришлись сразу после изменения)</translation>
    </message>
    <message>
        <source>longer than the band: something took longer than the settings predict (look at the lanes: which component was last to recover?)</source>
        <translation>длиннее ожидаемого диапазона: что-то заняло больше времени, чем предсказывают настройки (посмотрите на дорожки временной шкалы: какой компонент восстановился последним?)</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнен</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <source>not known (the cluster was not observed long enough)</source>
        <translation>неизвестны (кластер наблюдали недостаточно долго)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>The run was aborted:</source>
        <translation>Прогон прерван:</translation>
    </message>
    <message>
        <source>The scenario did not complete:</source>
        <translation>Сценарий не завершён:</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Кластер</translation>
    </message>
    <message>
        <source>Run in the journal</source>
        <translation>Прогон в журнале</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>%1 writes/s on %2 connection(s), probes %3/s, client deadline %4 ms</source>
        <translation>запись: %1 оп./с, соединений: %2, пробы: %3 оп./с, клиентский таймаут: %4 мс</translation>
    </message>
    <message>
        <source>Healed afterwards</source>
        <translation>Восстановление после прогона</translation>
    </message>
    <message>
        <source>yes, the cluster was healthy again</source>
        <translation>да, кластер снова исправен</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>нет: %1</translation>
    </message>
    <message>
        <source>What should happen</source>
        <translation>Что должно произойти</translation>
    </message>
    <message>
        <source>Expected and measured</source>
        <translation>Ожидаемое и измеренное</translation>
    </message>
    <message>
        <source>Nothing was measured: the traffic did not run.</source>
        <translation>Ничего не измерено: нагрузка не запускалась.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Измерено</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Шаги</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <source>Write outages</source>
        <translation>Простои записи</translation>
    </message>
    <message>
        <source>None: every write succeeded or failed only transiently.</source>
        <translation>Нет: все записи прошли успешно или ошибки были лишь кратковременными.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>After</source>
        <translation>После</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Writes: %1 ok, %2 failed, %3 unknown outcome; availability %4</source>
        <translation>Запись: %1 успешно, %2 с ошибкой, %3 с неизвестным исходом; доступность %4</translation>
    </message>
    <message>
        <source>Write audit: %1 acknowledged, %2 lost, %3 duplicated</source>
        <translation>Проверка записей: подтверждено %1, потеряно %2, продублировано %3</translation>
    </message>
    <message>
        <source>Write audit: not performed</source>
        <translation>Проверка записей: не выполнялась</translation>
    </message>
    <message>
        <source>Leaders: %1</source>
        <translation>Лидеры: %1</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Временная шкала</translation>
    </message>
    <message>
        <source>timeline of the run</source>
        <translation>временная шкала прогона</translation>
    </message>
    <message>
        <source>Files: operations.csv (every operation), events.csv (cluster events and fault actions), faults.csv, windows.csv, summary.json.</source>
        <translation>Файлы: operations.csv (все операции), events.csv (события кластера и внесённые сбои), faults.csv, windows.csv, summary.json.</translation>
    </message>
    <message>
        <source>first write outage (s)</source>
        <translation>первый простой записи (с)</translation>
    </message>
    <message>
        <source>longest write outage (s)</source>
        <translation>самый долгий простой записи (с)</translation>
    </message>
    <message>
        <source>total write outage (s)</source>
        <translation>суммарный простой записи (с)</translation>
    </message>
    <message>
        <source>write outages</source>
        <translation>число простоев записи</translation>
    </message>
    <message>
        <source>failed writes</source>
        <translation>неудачные записи</translation>
    </message>
    <message>
        <source>read-only errors</source>
        <translation>ошибки read-only</translation>
    </message>
    <message>
        <source>connections refused</source>
        <translation>отклонённые соединения</translation>
    </message>
    <message>
        <source>deadline errors</source>
        <translation>ошибки по таймауту</translation>
    </message>
    <message>
        <source>lost writes</source>
        <translation>потерянные записи</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n прогон</numerusform>
            <numerusform>%n прогона</numerusform>
            <numerusform>%n прогонов</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Прогоны</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <source>Measured figures over the runs</source>
        <translation>Измеренные показатели по всем прогонам</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Минимум</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Медиана</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Максимум</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 с</translation>
    </message>
    <message>
        <source> (HAProxy&apos;s defaults)</source>
        <translation> (значения HAProxy по умолчанию)</translation>
    </message>
    <message>
        <source>not needed: the scenario did not act on the cluster</source>
        <translation>не требовалось: сценарий ничего не менял в кластере</translation>
    </message>
    <message>
        <source>%1 — step %2: %3</source>
        <translation>%1 — шаг %2: %3</translation>
    </message>
    <message>
        <source>Client-perceived</source>
        <translation>Глазами клиента</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Duration: how long the service took no write, measured by the probe&apos;s connection attempts to about 10 ms. Client-perceived: what the workload&apos;s client saw, retrying one connection attempt at a time as the lab report&apos;s script did.</source>
        <translation>Длительность — сколько сервис не принимал записи; измерено пробными подключениями с точностью около 10 мс. Глазами клиента — что видел клиент нагрузки, который, как скрипт из отчёта, пробует подключиться по одному разу за раз.</translation>
    </message>
    <message>
        <source>client-perceived longest write outage (s)</source>
        <translation>самый долгий простой записи глазами клиента (с)</translation>
    </message>
    <message>
        <source>; synchronous replication, strict</source>
        <translation>; синхронная репликация, строгая</translation>
    </message>
    <message>
        <source>; synchronous replication</source>
        <translation>; синхронная репликация</translation>
    </message>
    <message>
        <source>Set for this run</source>
        <translation>Задано для этого прогона</translation>
    </message>
    <message>
        <source>profile %1: </source>
        <translation>профиль %1: </translation>
    </message>
    <message>
        <source>put back afterwards</source>
        <translation>после прогона возвращено</translation>
    </message>
    <message>
        <source>not put back: %1</source>
        <translation>не возвращено: %1</translation>
    </message>
    <message>
        <source>not applied</source>
        <translation>не применено</translation>
    </message>
    <message>
        <source>fewer acknowledged writes are missing than expected: the new leader had commits the scenario expected it to lose</source>
        <translation>подтверждённых записей пропало меньше, чем ожидалось: у нового лидера оказались коммиты, которые сценарий ожидал потерять</translation>
    </message>
    <message>
        <source>Lost acknowledged writes</source>
        <translation>Потерянные подтверждённые записи</translation>
    </message>
    <message numerus="yes">
        <source>%n write(s) that the client saw commit are not in the table after the run (all in lost_writes.csv). They were acknowledged between %1 and %2 after the start, by %3.</source>
        <translation>
            <numerusform>%n запись, коммит которой клиент видел, отсутствует в таблице после прогона (все — в lost_writes.csv). Они подтверждены между %1 и %2 от начала, сервером %3.</numerusform>
            <numerusform>%n записи, коммит которых клиент видел, отсутствуют в таблице после прогона (все — в lost_writes.csv). Они подтверждены между %1 и %2 от начала, сервером %3.</numerusform>
            <numerusform>%n записей, коммит которых клиент видел, отсутствуют в таблице после прогона (все — в lost_writes.csv). Они подтверждены между %1 и %2 от начала, сервером %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Acknowledged at</source>
        <translation>Подтверждена в</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Поток</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>ещё %n</numerusform>
            <numerusform>ещё %n</numerusform>
            <numerusform>ещё %n</numerusform>
        </translation>
    </message>
    <message>
        <source>probe</source>
        <translation>зонд</translation>
    </message>
    <message>
        <source>workload</source>
        <translation>нагрузка</translation>
    </message>
    <message>
        <source>The outage at %1 s: %2.</source>
        <translation>Простой на %1 с: %2.</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>шаг %1</translation>
    </message>
    <message>
        <source>The replicas when each action started, as the observer last saw them (Patroni promotes no replica whose lag exceeds maximum_lag_on_failover):</source>
        <translation>Реплики в момент начала каждого действия, как их в последний раз видел наблюдатель (Patroni не повышает реплику, чьё отставание больше maximum_lag_on_failover):</translation>
    </message>
</context>
<context>
    <name>ScenarioRunner</name>
    <message>
        <source>Scenario %1: %2</source>
        <translation>Сценарий %1: %2</translation>
    </message>
    <message>
        <source>Looking for cluster %1…</source>
        <translation>Поиск кластера %1…</translation>
    </message>
    <message>
        <source>the cluster was not found: %1</source>
        <translation>кластер не найден: %1</translation>
    </message>
    <message>
        <source>aborted before the first step</source>
        <translation>прервано до первого шага</translation>
    </message>
    <message>
        <source>Checking that the cluster is healthy before the first step…</source>
        <translation>Проверка исправности кластера перед первым шагом…</translation>
    </message>
    <message>
        <source>the traffic generator did not start: %1</source>
        <translation>генератор нагрузки не запустился: %1</translation>
    </message>
    <message>
        <source>Traffic started (run %1); waiting for %2 writes in a row…</source>
        <translation>Нагрузка запущена (прогон %1); ожидание %2 успешных записей подряд…</translation>
    </message>
    <message>
        <source>aborted by the user before step %1</source>
        <translation>прервано пользователем перед шагом %1</translation>
    </message>
    <message>
        <source>Every step ran.</source>
        <translation>Все шаги выполнены.</translation>
    </message>
    <message>
        <source>the cluster has no leader now</source>
        <translation>сейчас в кластере нет лидера</translation>
    </message>
    <message>
        <source>no replica is streaming now</source>
        <translation>сейчас нет ни одной реплики в состоянии streaming</translation>
    </message>
    <message>
        <source>the cluster has no replica now</source>
        <translation>сейчас в кластере нет реплик</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>container %1 is not a Patroni member the cluster knows now</source>
        <translation>контейнер %1 не относится ни к одному из известных сейчас узлов Patroni</translation>
    </message>
    <message>
        <source>ok in %1 ms</source>
        <translation>успешно за %1 мс</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>осталось %1</translation>
    </message>
    <message>
        <source>no leader yet</source>
        <translation>лидера пока нет</translation>
    </message>
    <message>
        <source>%1 is still the leader</source>
        <translation>%1 всё ещё лидер</translation>
    </message>
    <message>
        <source>%1 is the leader, in state %2</source>
        <translation>лидер — %1, состояние %2</translation>
    </message>
    <message>
        <source>%1 is not a member of the cluster yet</source>
        <translation>%1 пока не входит в кластер</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>в состоянии streaming</translation>
    </message>
    <message>
        <source>etcd not observed yet</source>
        <translation>etcd пока не наблюдается</translation>
    </message>
    <message>
        <source>%1 of %2 etcd members healthy</source>
        <translation>исправно узлов etcd: %1 из %2</translation>
    </message>
    <message>
        <source>%1 of %2 writes in a row</source>
        <translation>успешных записей подряд: %1 из %2</translation>
    </message>
    <message>
        <source>a write failed</source>
        <translation>запись завершилась ошибкой</translation>
    </message>
    <message>
        <source>writes still succeed</source>
        <translation>запись пока проходит</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>кластер исправен</translation>
    </message>
    <message>
        <source>The cluster is healthy (%1)</source>
        <translation>Кластер исправен (%1)</translation>
    </message>
    <message>
        <source>the cluster is not healthy after %1: %2. Heal it (Heal all, or patroni-lab-cli heal --project %3) or bring the lab up again, then retry.</source>
        <translation>кластер неисправен спустя %1: %2. Восстановите его («Восстановить всё» или patroni-lab-cli heal --project %3) или заново запустите стенд, затем повторите попытку.</translation>
    </message>
    <message>
        <source>The generator writes; the leader is %1</source>
        <translation>Генератор ведёт запись; лидер — %1</translation>
    </message>
    <message>
        <source>the traffic generator could not write through %1 within %2: %3</source>
        <translation>генератору нагрузки не удалось выполнить запись через %1 за %2: %3</translation>
    </message>
    <message>
        <source>%1 after %2</source>
        <translation>%1 (через %2)</translation>
    </message>
    <message>
        <source>timed out after %1 (line %2): %3</source>
        <translation>таймаут истёк через %1 (строка %2): %3</translation>
    </message>
    <message>
        <source>The cluster is healthy again (%1)</source>
        <translation>Кластер снова исправен (%1)</translation>
    </message>
    <message>
        <source>The cluster is not healthy %1 after healing: %2</source>
        <translation>Кластер неисправен спустя %1 после восстановления: %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнено</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ОШИБКА</translation>
    </message>
    <message>
        <source>step %1 (%2, line %3) failed: %4</source>
        <translation>шаг %1 (%2, строка %3) завершился ошибкой: %4</translation>
    </message>
    <message>
        <source>The scenario stops: %1</source>
        <translation>Сценарий останавливается: %1</translation>
    </message>
    <message>
        <source>Aborting: the cluster will be healed.</source>
        <translation>Прерывание: кластер будет восстановлен.</translation>
    </message>
    <message>
        <source>aborted by the user</source>
        <translation>прервано пользователем</translation>
    </message>
    <message>
        <source>Healing the cluster: unpause, reconnect and start whatever is down…</source>
        <translation>Восстановление кластера: снятие с паузы, возврат в сеть и запуск всего остановленного…</translation>
    </message>
    <message>
        <source>Stopping the traffic; auditing the writes…</source>
        <translation>Остановка нагрузки; проверка подтверждённых записей…</translation>
    </message>
    <message>
        <source>Verdict: %1</source>
        <translation>Итог: %1</translation>
    </message>
    <message>
        <source>container %1 is %2</source>
        <translation>контейнер %1 в состоянии %2</translation>
    </message>
    <message>
        <source>container %1 is cut off from network %2</source>
        <translation>контейнер %1 отключён от сети %2</translation>
    </message>
    <message>
        <source>docker ps has not answered yet</source>
        <translation>docker ps пока не ответил</translation>
    </message>
    <message>
        <source>no Patroni REST API answers</source>
        <translation>ни один REST API Patroni не отвечает</translation>
    </message>
    <message>
        <source>leader %1 is in state &apos;%2&apos;</source>
        <translation>лидер %1 в состоянии «%2»</translation>
    </message>
    <message>
        <source>%1 is %2 in state &apos;%3&apos;, not streaming</source>
        <translation>%1 (%2) в состоянии «%3», а не streaming</translation>
    </message>
    <message>
        <source>Patroni reports %1 leaders, expected 1</source>
        <translation>по данным Patroni лидеров %1, а должен быть один</translation>
    </message>
    <message>
        <source>%1 Patroni members registered, %2 Patroni containers</source>
        <translation>зарегистрировано узлов Patroni: %1, а контейнеров Patroni: %2</translation>
    </message>
    <message>
        <source>etcd member %1 is unhealthy</source>
        <translation>узел etcd %1 неисправен</translation>
    </message>
    <message>
        <source>HAProxy&apos;s stats do not answer</source>
        <translation>статистика HAProxy не отвечает</translation>
    </message>
    <message>
        <source>HAProxy routes writes to [%1], the leader is %2</source>
        <translation>HAProxy направляет запись на [%1], а лидер — %2</translation>
    </message>
    <message>
        <source>HAProxy balances reads over [%1], the streaming replicas are [%2]</source>
        <translation>HAProxy распределяет чтение по [%1], а реплики в состоянии streaming — [%2]</translation>
    </message>
    <message>
        <source>waited %1</source>
        <translation>ожидание завершено (%1)</translation>
    </message>
    <message>
        <source>HAProxy defaults: the cluster has no HAProxy container</source>
        <translation>значения HAProxy по умолчанию: в кластере нет контейнера HAProxy</translation>
    </message>
    <message>
        <source>HAProxy&apos;s %1 points to %2, not to its node&apos;s address %3</source>
        <translation>сервер %1 в HAProxy указывает на %2, а не на адрес своего узла %3</translation>
    </message>
    <message>
        <source>Applying the scenario&apos;s settings%1: %2</source>
        <translation>Применяем настройки сценария%1: %2</translation>
    </message>
    <message>
        <source> (profile %1)</source>
        <translation> (профиль %1)</translation>
    </message>
    <message>
        <source>the scenario&apos;s settings could not be applied: %1</source>
        <translation>не удалось применить настройки сценария: %1</translation>
    </message>
    <message>
        <source>Patroni had these settings already</source>
        <translation>У Patroni уже были эти настройки</translation>
    </message>
    <message>
        <source>Every Patroni member applied the settings (the last after %1 s)</source>
        <translation>Все узлы Patroni применили настройки (последний через %1 с)</translation>
    </message>
    <message>
        <source>HAProxy had these checks already</source>
        <translation>У HAProxy уже были эти проверки</translation>
    </message>
    <message>
        <source>HAProxy reloaded: %1</source>
        <translation>HAProxy перезагружен: %1</translation>
    </message>
    <message>
        <source>Putting the settings back: %1</source>
        <translation>Возвращаем настройки: %1</translation>
    </message>
    <message>
        <source>The settings could not be put back: %1 (patroni-lab-cli settings reset restores the lab&apos;s defaults)</source>
        <translation>Не удалось вернуть настройки: %1 (patroni-lab-cli settings reset восстанавливает значения лаборатории по умолчанию)</translation>
    </message>
    <message>
        <source>The settings are back as they were before the scenario</source>
        <translation>Настройки возвращены к тем, что были до сценария</translation>
    </message>
    <message>
        <source>partition from %1: %2</source>
        <translation>изоляция от %1: %2</translation>
    </message>
</context>
<context>
    <name>ScenarioStepModel</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнен</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <source>+%1 s</source>
        <translation>+%1 с</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Start since the run began (duration)</source>
        <translation>Начало от старта прогона (длительность)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Time since start (s)</source>
        <translation>Время от начала (с)</translation>
    </message>
    <message>
        <source>Latency (ms, log)</source>
        <translation>Задержка (мс, лог. шкала)</translation>
    </message>
    <message>
        <source>insert ok</source>
        <translation>вставка успешна</translation>
    </message>
    <message>
        <source>read ok</source>
        <translation>чтение успешно</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>в соединении отказано</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>соединение потеряно</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>только чтение</translation>
    </message>
    <message>
        <source>shutting down</source>
        <translation>сервер завершает работу</translation>
    </message>
    <message>
        <source>deadline exceeded</source>
        <translation>превышен таймаут</translation>
    </message>
    <message>
        <source>authentication</source>
        <translation>ошибка аутентификации</translation>
    </message>
    <message>
        <source>other error</source>
        <translation>другая ошибка</translation>
    </message>
    <message>
        <source>commit unknown</source>
        <translation>исход фиксации неизвестен</translation>
    </message>
    <message>
        <source>%1 (failed)</source>
        <translation>%1 (ошибка)</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>нет лидера</translation>
    </message>
    <message>
        <source>leader → %1</source>
        <translation>лидер → %1</translation>
    </message>
    <message>
        <source>%1, TL %2</source>
        <translation>%1, TL %2</translation>
    </message>
    <message>
        <source>write outage %1 s, running</source>
        <translation>простой записи %1 с, продолжается</translation>
    </message>
    <message>
        <source>read outage %1 s, running</source>
        <translation>простой чтения %1 с, продолжается</translation>
    </message>
    <message>
        <source>write outage %1 s</source>
        <translation>простой записи %1 с</translation>
    </message>
    <message>
        <source>read outage %1 s</source>
        <translation>простой чтения %1 с</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>лидер</translation>
    </message>
    <message>
        <source>replica</source>
        <translation>реплика</translation>
    </message>
    <message>
        <source>sync replica</source>
        <translation>синхронная реплика</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>quorum %1/%2</source>
        <translation>кворум %1/%2</translation>
    </message>
    <message>
        <source>quorum lost %1/%2</source>
        <translation>кворум потерян %1/%2</translation>
    </message>
    <message>
        <source>etcd</source>
        <translation>etcd</translation>
    </message>
    <message>
        <source>HAProxy writes</source>
        <translation>HAProxy: запись</translation>
    </message>
    <message>
        <source>stats unreachable</source>
        <translation>статистика недоступна</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>нет сервера</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Cannot export to %1: unknown format &quot;%2&quot; (use .png, .jpg, .pdf or .svg)</source>
        <translation>Не удалось экспортировать в %1: неизвестный формат «%2» (используйте .png, .jpg, .pdf или .svg)</translation>
    </message>
    <message>
        <source>Cannot export to %1: the size %2×%3 at %4 dpi is empty</source>
        <translation>Не удалось экспортировать в %1: изображение %2×%3 при %4 dpi получается пустым</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Patroni HA Lab timeline</source>
        <translation>Временная шкала Patroni HA Lab</translation>
    </message>
    <message>
        <source>Cannot write %1: the SVG renderer did not start</source>
        <translation>Не удалось записать %1: не запустилась отрисовка SVG</translation>
    </message>
    <message>
        <source>Cannot write %1: the PDF renderer failed</source>
        <translation>Не удалось записать %1: сбой отрисовки PDF</translation>
    </message>
    <message>
        <source>Cannot write %1: nothing was written</source>
        <translation>Не удалось записать %1: ничего не записано</translation>
    </message>
    <message>
        <source>writes %1 s</source>
        <translation>запись %1 с</translation>
    </message>
    <message>
        <source>reads %1 s</source>
        <translation>чтение %1 с</translation>
    </message>
    <message>
        <source>healing %1 s</source>
        <translation>восстановление %1 с</translation>
    </message>
    <message>
        <source>after the last event %1 s</source>
        <translation>после последнего события %1 с</translation>
    </message>
    <message>
        <source>healing</source>
        <translation>восстановление</translation>
    </message>
    <message>
        <source>after the last event</source>
        <translation>после последнего события</translation>
    </message>
    <message>
        <source>%1, compressed 1:%2</source>
        <translation>%1, сжато 1:%2</translation>
    </message>
    <message>
        <source>%1 (was leader)</source>
        <translation>%1 (был лидером)</translation>
    </message>
    <message>
        <source>paused, cut off</source>
        <translation>приостановлен, отключён от сети</translation>
    </message>
    <message>
        <source>cut off</source>
        <translation>отключён от сети</translation>
    </message>
    <message numerus="yes">
        <source>Time since start (s) · %n lane(s) hidden</source>
        <translation>
            <numerusform>Время от начала (с) · %n дорожка скрыта</numerusform>
            <numerusform>Время от начала (с) · %n дорожки скрыты</numerusform>
            <numerusform>Время от начала (с) · %n дорожек скрыто</numerusform>
        </translation>
    </message>
    <message>
        <source>Latency, ms</source>
        <translation>Задержка, мс</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>acknowledged, then lost</source>
        <translation>подтверждена, затем потеряна</translation>
    </message>
    <message>
        <source>write outage %1 s (the last %2 s: HAProxy balanced over a dead server)</source>
        <translation>простой записи %1 с (последние %2 с: HAProxy распределял и на неотвечающий сервер)</translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <source>Cluster topology</source>
        <translation>Топология кластера</translation>
    </message>
    <message>
        <source>The lab cluster as a diagram. Click a node for its actions, or use the keyboard:
%1</source>
        <translation>Кластер стенда в виде схемы. Щёлкните узел, чтобы открыть его действия, или используйте клавиатуру:
%1</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab, arrow keys</source>
        <translation>Tab, Shift+Tab, стрелки</translation>
    </message>
    <message>
        <source>select the next, previous or neighbouring node</source>
        <translation>выбрать следующий, предыдущий или соседний узел</translation>
    </message>
    <message>
        <source>1 2 3</source>
        <translation>1 2 3</translation>
    </message>
    <message>
        <source>select Patroni node 1, 2, 3</source>
        <translation>выбрать узел Patroni 1, 2, 3</translation>
    </message>
    <message>
        <source>4 5 6</source>
        <translation>4 5 6</translation>
    </message>
    <message>
        <source>select etcd node 1, 2, 3</source>
        <translation>выбрать узел etcd 1, 2, 3</translation>
    </message>
    <message>
        <source>7</source>
        <translation>7</translation>
    </message>
    <message>
        <source>select HAProxy</source>
        <translation>выбрать HAProxy</translation>
    </message>
    <message>
        <source>Enter, Space, Menu</source>
        <translation>Enter, Пробел, Menu</translation>
    </message>
    <message>
        <source>open the selected node&apos;s menu</source>
        <translation>открыть меню выбранного узла</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>stop the selected node (docker stop)</source>
        <translation>остановить выбранный узел (docker stop)</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>start it (docker start)</source>
        <translation>запустить его (docker start)</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>restart it (docker restart)</source>
        <translation>перезапустить его (docker restart)</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>kill it (docker kill)</source>
        <translation>убить его (docker kill)</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>pause it, or unpause it when paused</source>
        <translation>приостановить его или, если он на паузе, снять с паузы</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>disconnect it from the network, or reconnect it when cut off</source>
        <translation>отключить его от сети или, если он отключён, вернуть в сеть</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>switchover: make the selected replica the leader</source>
        <translation>плановое переключение (switchover): сделать выбранную реплику лидером</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>heal all: unpause, reconnect and start every node</source>
        <translation>восстановить всё: снять с паузы, вернуть в сеть и запустить все узлы</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <source>cut off</source>
        <translation>отключён от сети</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>paused, cut off</source>
        <translation>приостановлен, отключён от сети</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>перезапускается</translation>
    </message>
    <message>
        <source>created, never started</source>
        <translation>создан, ни разу не запускался</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>мёртв (dead)</translation>
    </message>
    <message>
        <source>being removed</source>
        <translation>удаляется</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>Raft leader</source>
        <translation>лидер Raft</translation>
    </message>
    <message>
        <source>Raft follower</source>
        <translation>ведомый Raft</translation>
    </message>
    <message>
        <source>lag unknown</source>
        <translation>отставание неизвестно</translation>
    </message>
    <message>
        <source>lag: received %1, replayed %2</source>
        <translation>отставание: получение %1, воспроизведение %2</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>отставание %1</translation>
    </message>
    <message>
        <source>state unknown</source>
        <translation>состояние неизвестно</translation>
    </message>
    <message>
        <source>%1 · API silent</source>
        <translation>%1 · API молчит</translation>
    </message>
    <message>
        <source>TL %1</source>
        <translation>TL %1</translation>
    </message>
    <message>
        <source>TL ?</source>
        <translation>TL ?</translation>
    </message>
    <message>
        <source>writes here</source>
        <translation>запись сюда</translation>
    </message>
    <message>
        <source>not in the cluster</source>
        <translation>не в кластере</translation>
    </message>
    <message>
        <source>no Patroni answer</source>
        <translation>Patroni не отвечает</translation>
    </message>
    <message>
        <source>no API answer</source>
        <translation>API не отвечает</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>ожидание…</translation>
    </message>
    <message>
        <source>container %1</source>
        <translation>контейнер %1</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>исправен</translation>
    </message>
    <message>
        <source>unhealthy (no quorum)</source>
        <translation>неисправен (нет кворума)</translation>
    </message>
    <message>
        <source>down</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>follower</source>
        <translation>ведомый</translation>
    </message>
    <message>
        <source>term %1</source>
        <translation>терм %1</translation>
    </message>
    <message>
        <source>term ?</source>
        <translation>терм ?</translation>
    </message>
    <message>
        <source>not observed</source>
        <translation>не наблюдается</translation>
    </message>
    <message>
        <source>HAProxy</source>
        <translation>HAProxy</translation>
    </message>
    <message>
        <source>stats unreachable</source>
        <translation>статистика недоступна</translation>
    </message>
    <message>
        <source>routing unknown</source>
        <translation>маршрутизация неизвестна</translation>
    </message>
    <message>
        <source>writes → %1</source>
        <translation>запись → %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>reads → %1</source>
        <translation>чтение → %1</translation>
    </message>
    <message>
        <source>etcd not observed</source>
        <translation>etcd не наблюдается</translation>
    </message>
    <message>
        <source>quorum %1/%2</source>
        <translation>кворум %1/%2</translation>
    </message>
    <message>
        <source>quorum lost %1/%2</source>
        <translation>кворум потерян %1/%2</translation>
    </message>
    <message>
        <source>Container: %1</source>
        <translation>Контейнер: %1</translation>
    </message>
    <message>
        <source>Docker: %1 (%2)</source>
        <translation>Docker: %1 (%2)</translation>
    </message>
    <message>
        <source>Networks (at discovery): %1</source>
        <translation>Сети (при обнаружении): %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Member: %1, host %2</source>
        <translation>Узел: %1, хост %2</translation>
    </message>
    <message>
        <source>Role: %1, state: %2</source>
        <translation>Роль: %1, состояние: %2</translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>Линия времени (timeline): %1</translation>
    </message>
    <message>
        <source>Received up to %1, replayed up to %2</source>
        <translation>Получено до %1, воспроизведено до %2</translation>
    </message>
    <message>
        <source>REST API answers</source>
        <translation>REST API отвечает</translation>
    </message>
    <message>
        <source>REST API does not answer</source>
        <translation>REST API не отвечает</translation>
    </message>
    <message>
        <source>Patroni %1, PostgreSQL %2.%3</source>
        <translation>Patroni %1, PostgreSQL %2.%3</translation>
    </message>
    <message>
        <source>No Patroni member information</source>
        <translation>Нет сведений об узле Patroni</translation>
    </message>
    <message>
        <source>etcd member %1: %2</source>
        <translation>Узел etcd %1: %2</translation>
    </message>
    <message>
        <source>not healthy</source>
        <translation>неисправен</translation>
    </message>
    <message>
        <source>Raft: %1, term %2</source>
        <translation>Raft: %1, терм %2</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>лидер</translation>
    </message>
    <message>
        <source>etcd %1</source>
        <translation>etcd %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Stats page does not answer</source>
        <translation>Страница статистики не отвечает</translation>
    </message>
    <message>
        <source>Waiting for the first observation of the cluster.</source>
        <translation>Ожидание первого опроса кластера.</translation>
    </message>
    <message>
        <source>No cluster found.</source>
        <translation>Кластер не найден.</translation>
    </message>
    <message>
        <source>Leader %1 on timeline %2.</source>
        <translation>Лидер %1, линия времени (timeline) %2.</translation>
    </message>
    <message>
        <source>Leader %1.</source>
        <translation>Лидер %1.</translation>
    </message>
    <message>
        <source>No leader.</source>
        <translation>Лидера нет.</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, raft leader</source>
        <translation>, лидер Raft</translation>
    </message>
    <message>
        <source>, container %1</source>
        <translation>, контейнер %1</translation>
    </message>
    <message>
        <source>etcd %1.</source>
        <translation>etcd: %1.</translation>
    </message>
    <message>
        <source>HAProxy sends writes to %1 and reads to %2.</source>
        <translation>HAProxy: запись — %1, чтение — %2.</translation>
    </message>
    <message>
        <source>HAProxy is unreachable.</source>
        <translation>HAProxy недоступен.</translation>
    </message>
    <message>
        <source>No cluster found — bring the lab up (Lab ▸ Up)</source>
        <translation>Кластер не найден — запустите стенд (Стенд ▸ Запустить стенд)</translation>
    </message>
    <message>
        <source>writes</source>
        <translation>запись</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>чтение</translation>
    </message>
    <message>
        <source>WAL</source>
        <translation>WAL</translation>
    </message>
    <message>
        <source>Waiting for the first observation…</source>
        <translation>Ожидание первого опроса…</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>кластер</translation>
    </message>
    <message>
        <source>cluster %1</source>
        <translation>кластер %1</translation>
    </message>
    <message>
        <source>%1 · leader %2</source>
        <translation>%1 · лидер %2</translation>
    </message>
    <message>
        <source>%1 · NO LEADER</source>
        <translation>%1 · НЕТ ЛИДЕРА</translation>
    </message>
    <message>
        <source> · timeline %1</source>
        <translation> · линия времени %1</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>репликация</translation>
    </message>
    <message>
        <source>raft leader · %1</source>
        <translation>лидер Raft · %1</translation>
    </message>
    <message>
        <source>follower · %1</source>
        <translation>ведомый · %1</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>spoil its network: delay, loss, rate… (asks for the values)</source>
        <translation>ухудшить его сеть: задержка, потери, скорость… (спросит значения)</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>clear its network impairment</source>
        <translation>снять ухудшение его сети</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>partition it from chosen peers (asks which)</source>
        <translation>изолировать его от выбранных соседей (спросит, от каких)</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>remove its partition</source>
        <translation>снять его изоляцию</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>kill PostgreSQL only (Patroni nodes; Patroni starts it again)</source>
        <translation>убить только PostgreSQL (узлы Patroni; Patroni запустит его снова)</translation>
    </message>
    <message>
        <source>Z</source>
        <translation>Z</translation>
    </message>
    <message>
        <source>freeze PostgreSQL, or thaw it when this window froze it</source>
        <translation>заморозить PostgreSQL или разморозить, если его заморозило это окно</translation>
    </message>
    <message>
        <source>Injected fault: %1</source>
        <translation>Внесённый сбой: %1</translation>
    </message>
    <message>
        <source>%1: injected %2.</source>
        <translation>%1: внесено %2.</translation>
    </message>
    <message>
        <source>, injected: %1</source>
        <translation>, внесено: %1</translation>
    </message>
    <message>
        <source>fault injected</source>
        <translation>внесённый сбой</translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Traffic generator</source>
        <translation>Генератор нагрузки</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Цель:</translation>
    </message>
    <message>
        <source>Which HAProxy listener the generator connects to</source>
        <translation>К какому порту HAProxy подключается генератор</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Частота:</translation>
    </message>
    <message>
        <source>Workload operations per second over all connections (0: as fast as possible). The lab report used 1.</source>
        <translation>Операций нагрузки в секунду по всем соединениям вместе (0 — как можно быстрее). В отчёте о лабораторной работе было 1.</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source> ops/s</source>
        <translation> оп./с</translation>
    </message>
    <message>
        <source>&amp;Connections:</source>
        <translation>&amp;Соединения:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Таймаут:</translation>
    </message>
    <message>
        <source>Client-side limit per operation: a frozen server (docker pause) shows up as &quot;deadline exceeded&quot;</source>
        <translation>Предельное время одной операции на стороне клиента: замороженный сервер (docker pause) выглядит как «превышен таймаут»</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>&amp;Start traffic</source>
        <translation>&amp;Запустить нагрузку</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>В реальном времени</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Запись:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Reads:</source>
        <translation>Чтение:</translation>
    </message>
    <message>
        <source>Operations/s:</source>
        <translation>Операций/с:</translation>
    </message>
    <message>
        <source>Write outage:</source>
        <translation>Простой записи:</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Не запущен.</translation>
    </message>
    <message>
        <source>Writes: HAProxy primary (127.0.0.1:%1)</source>
        <translation>Запись: HAProxy → лидер (127.0.0.1:%1)</translation>
    </message>
    <message>
        <source>Reads: HAProxy replicas (127.0.0.1:%1)</source>
        <translation>Чтение: HAProxy → реплики (127.0.0.1:%1)</translation>
    </message>
    <message>
        <source>&amp;Stop traffic</source>
        <translation>&amp;Остановить нагрузку</translation>
    </message>
    <message>
        <source>Running: every operation is recorded in the journal.</source>
        <translation>Идёт: каждая операция записывается в журнал прогонов.</translation>
    </message>
    <message>
        <source>Stopped; checking which acknowledged writes are in the table…</source>
        <translation>Остановлен; проверяем, какие подтверждённые записи есть в таблице…</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Завершён.</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation>успешно: %1, ошибок: %2</translation>
    </message>
    <message>
        <source>running for %1 s</source>
        <translation>длится %1 с</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed, %3 unknown (sent, then the connection broke)</source>
        <translation>успешно: %1, ошибок: %2, неизвестно: %3 (отправлено, затем соединение оборвалось)</translation>
    </message>
    <message numerus="yes">
        <source>none now; the longest lasted %1 s (%n in all)</source>
        <translation>
            <numerusform>сейчас нет; самый долгий длился %1 с (всего %n простой)</numerusform>
            <numerusform>сейчас нет; самый долгий длился %1 с (всего %n простоя)</numerusform>
            <numerusform>сейчас нет; самый долгий длился %1 с (всего %n простоев)</numerusform>
        </translation>
    </message>
    <message>
        <source>How long the service has taken no write: the probe keeps starting new connections while writes fail, so this ends within about 10 ms of the first moment a write can succeed.</source>
        <translation>Сколько сервис не принимает записи: пока записи не проходят, проба открывает всё новые подключения, поэтому простой заканчивается не позже чем через ~10 мс после того, как запись снова возможна.</translation>
    </message>
    <message>
        <source>What the workload&apos;s client saw, retrying one connection attempt at a time as the lab report&apos;s script did: it can start earlier (between two of its operations) and end later (a connection HAProxy sends to a dead node hangs until the client&apos;s deadline).</source>
        <translation>Что видел клиент нагрузки, который, как скрипт из отчёта, пробует подключиться по одному разу за раз: простой может начаться раньше (между двумя его операциями) и закончиться позже (подключение, которое HAProxy отправил на мёртвый узел, висит до таймаута клиента).</translation>
    </message>
    <message>
        <source>Client-perceived:</source>
        <translation>Глазами клиента:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>--port-base must be a whole number, got &apos;%1&apos;</source>
        <translation>--port-base должен быть целым числом, получено «%1»</translation>
    </message>
    <message>
        <source>--open-run must be a run id such as 3 (see patroni-lab-cli runs), got &apos;%1&apos;</source>
        <translation>--open-run должен быть номером прогона, например 3 (см. patroni-lab-cli runs), получено «%1»</translation>
    </message>
</context>
</TS>
